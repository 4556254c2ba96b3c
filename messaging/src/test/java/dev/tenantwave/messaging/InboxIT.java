package dev.tenantwave.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processed-events log on a real PostgreSQL: an event id is claimed once, and only by a committed claim. */
class InboxIT {

  private static final String TOPIC = "migration.commands.v1";

  private final Inbox inbox = new Inbox();
  private MessagingDatabase database;

  @BeforeEach
  void freshDatabase() throws Exception {
    database = MessagingDatabase.create();
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void shouldClaimAnEventOnceAcrossTransactions() throws Exception {
    UUID event = UUID.randomUUID();
    AtomicBoolean first = new AtomicBoolean();
    AtomicBoolean again = new AtomicBoolean(true);
    database.inTransaction(true, c -> first.set(inbox.claim(c, event, TOPIC)));
    database.inTransaction(true, c -> again.set(inbox.claim(c, event, TOPIC)));
    assertThat(first).isTrue();
    assertThat(again).as("a redelivered event is already claimed").isFalse();
  }

  @Test
  void shouldForgetAClaimWhoseTransactionRolledBack() throws Exception {
    UUID event = UUID.randomUUID();
    AtomicBoolean retried = new AtomicBoolean();
    database.inTransaction(false, c -> inbox.claim(c, event, TOPIC));
    database.inTransaction(true, c -> retried.set(inbox.claim(c, event, TOPIC)));
    assertThat(retried).as("the effect rolled back, so the event must be processed again").isTrue();
  }

  @Test
  void shouldReturnOnlyTheIdsNotProcessedBefore() throws Exception {
    UUID old1 = UUID.randomUUID();
    UUID old2 = UUID.randomUUID();
    UUID new1 = UUID.randomUUID();
    UUID new2 = UUID.randomUUID();
    database.inTransaction(true, c -> inbox.claimAll(c, List.of(old1, old2), TOPIC));
    AtomicReference<Set<UUID>> claimed = new AtomicReference<>();
    database.inTransaction(true, c -> claimed.set(inbox.claimAll(c, List.of(old1, new1, new2, new1, old2), TOPIC)));
    assertThat(claimed.get()).containsExactlyInAnyOrder(new1, new2);
    AtomicReference<Set<UUID>> none = new AtomicReference<>();
    database.inTransaction(true, c -> none.set(inbox.claimAll(c, List.of(new1, new2), TOPIC)));
    assertThat(none.get()).isEmpty();
    assertThat(database.count("SELECT count(*) FROM processed_events")).isEqualTo(4);
  }
}
