package dev.tenantwave.events;

import static dev.tenantwave.events.Topics.GATE_VERDICTS;
import static dev.tenantwave.events.Topics.GATE_WINDOWS;
import static dev.tenantwave.events.Topics.MIGRATION_COMMANDS;
import static dev.tenantwave.events.Topics.MIGRATION_PROGRESS;
import static dev.tenantwave.events.Topics.RELEASE_STATUS;
import static dev.tenantwave.events.Topics.RELEASE_TENANT_STATE;
import static dev.tenantwave.events.Topics.ROLLOUT_PROMOTIONS;
import static dev.tenantwave.events.Topics.TENANT_CATALOG;
import static dev.tenantwave.events.Topics.TENANT_METRICS;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on Kafka: one SCRAM principal per service, its topics, consumer groups and transactional ids
 * (the trust boundaries of docs/architecture.md, the table of docs/security.md). Everything not listed is denied.
 * The local stack, the tests' broker and {@code tw topics grant} (docker-compose, production) all apply this one list.
 */
public final class KafkaAccess {

  public static final String CATALOG = "tw-catalog";
  public static final String ORCHESTRATOR = "tw-orchestrator";
  public static final String MIGRATION = "tw-migration";
  public static final String GATE = "tw-gate";
  /** Application services: they publish their per-tenant request metrics and nothing else. */
  public static final String APP = "tw-app";
  /** Operators, consoles, other teams and the tw CLI: read every topic, write none. */
  public static final String OPERATOR = "tw-operator";
  public static final List<String> PRINCIPALS = List.of(CATALOG, ORCHESTRATOR, MIGRATION, GATE, APP, OPERATOR);
  /** The gate's Kafka Streams application id: its internal topics, group and transactional ids start with it. */
  public static final String GATE_APPLICATION_PREFIX = "tw-gate";

  private KafkaAccess() {}

  /**
   * Gives every principal its SCRAM-SHA-512 credential with the password {@code passwordOf} names (replacing an
   * older one: that is how a password rotates) and creates the ACLs; run as a super user. Creating an ACL that
   * exists is a no-op, so this may run on every start.
   */
  public static void apply(Admin admin, Function<String, String> passwordOf)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<UserScramCredentialAlteration> users = PRINCIPALS.stream()
        .<UserScramCredentialAlteration>map(principal -> new UserScramCredentialUpsertion(principal,
            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), passwordOf.apply(principal)))
        .toList();
    admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
    admin.createAcls(acls()).all().get(30, TimeUnit.SECONDS);
  }

  /** The environment variable that carries a principal's password where it is set up: tw-gate → TW_KAFKA_GATE_PASSWORD. */
  public static String passwordVariable(String principal) {
    return "TW_KAFKA_" + principal.replaceFirst("^tw-", "").toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
  }

  public static List<AclBinding> acls() {
    List<AclBinding> acls = new ArrayList<>();
    writes(acls, CATALOG, TENANT_CATALOG);
    prefixed(acls, CATALOG, ResourceType.TRANSACTIONAL_ID, "catalog-outbox-relay", AclOperation.WRITE,
        AclOperation.DESCRIBE);

    writes(acls, ORCHESTRATOR, ROLLOUT_PROMOTIONS, MIGRATION_COMMANDS, RELEASE_TENANT_STATE, RELEASE_STATUS);
    reads(acls, ORCHESTRATOR, TENANT_CATALOG, MIGRATION_PROGRESS, GATE_VERDICTS);
    reads(acls, ORCHESTRATOR, RELEASE_STATUS, RELEASE_TENANT_STATE); // the console's feed reads what it wrote
    reads(acls, ORCHESTRATOR, GATE_WINDOWS); // the console's charts; its feed skips what it cannot decode
    deadLetters(acls, ORCHESTRATOR, TENANT_CATALOG, MIGRATION_PROGRESS, GATE_VERDICTS);
    prefixed(acls, ORCHESTRATOR, ResourceType.GROUP, "rollout-orchestrator", AclOperation.READ);
    prefixed(acls, ORCHESTRATOR, ResourceType.TRANSACTIONAL_ID, "rollout-outbox-relay", AclOperation.WRITE,
        AclOperation.DESCRIBE);

    writes(acls, MIGRATION, MIGRATION_PROGRESS);
    reads(acls, MIGRATION, MIGRATION_COMMANDS, TENANT_CATALOG);
    deadLetters(acls, MIGRATION, MIGRATION_COMMANDS, TENANT_CATALOG);
    prefixed(acls, MIGRATION, ResourceType.GROUP, "migration-worker", AclOperation.READ);

    writes(acls, GATE, GATE_VERDICTS, GATE_WINDOWS);
    reads(acls, GATE, TENANT_METRICS, RELEASE_TENANT_STATE);
    deadLetters(acls, GATE, TENANT_METRICS, RELEASE_TENANT_STATE);
    prefixed(acls, GATE, ResourceType.TOPIC, GATE_APPLICATION_PREFIX, AclOperation.ALL); // changelogs, repartitions
    prefixed(acls, GATE, ResourceType.GROUP, GATE_APPLICATION_PREFIX, AclOperation.READ);
    prefixed(acls, GATE, ResourceType.TRANSACTIONAL_ID, GATE_APPLICATION_PREFIX, AclOperation.WRITE,
        AclOperation.DESCRIBE);

    writes(acls, APP, TENANT_METRICS);

    for (Topic<?> topic : Topics.all()) {
      reads(acls, OPERATOR, topic);
      allow(acls, OPERATOR, ResourceType.TOPIC, topic.deadLetterTopic(), PatternType.LITERAL, AclOperation.READ);
    }
    prefixed(acls, OPERATOR, ResourceType.GROUP, "tw-cli", AclOperation.READ);
    return acls;
  }

  private static void writes(List<AclBinding> acls, String principal, Topic<?>... topics) {
    for (Topic<?> topic : topics) {
      allow(acls, principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.WRITE);
      allow(acls, principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.DESCRIBE);
    }
  }

  private static void reads(List<AclBinding> acls, String principal, Topic<?>... topics) {
    for (Topic<?> topic : topics) {
      allow(acls, principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.READ);
      allow(acls, principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.DESCRIBE);
    }
  }

  // a consumer dead-letters what it cannot read into <topic>.dlq
  private static void deadLetters(List<AclBinding> acls, String principal, Topic<?>... consumed) {
    for (Topic<?> topic : consumed) {
      allow(acls, principal, ResourceType.TOPIC, topic.deadLetterTopic(), PatternType.LITERAL, AclOperation.WRITE);
      allow(acls, principal, ResourceType.TOPIC, topic.deadLetterTopic(), PatternType.LITERAL,
          AclOperation.DESCRIBE);
    }
  }

  private static void prefixed(List<AclBinding> acls, String principal, ResourceType type, String prefix,
                               AclOperation... operations) {
    for (AclOperation operation : operations) {
      allow(acls, principal, type, prefix, PatternType.PREFIXED, operation);
    }
  }

  private static void allow(List<AclBinding> acls, String principal, ResourceType type, String name,
                            PatternType pattern, AclOperation operation) {
    acls.add(new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW)));
  }
}
