package dev.tenantwave.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.migration.database.ClusterSettings;
import dev.tenantwave.migration.database.ConnectionPools;
import dev.tenantwave.migration.testing.CrmFleet;
import dev.tenantwave.migration.testing.Pg;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The worker's connection pools stay bounded and close when idle, each with its housekeeping thread. */
class ConnectionPoolsIT {

  @Test
  void shouldKeepAtMostTheConfiguredPoolsAndCloseIdleOnes() throws Exception {
    List<String> databases = IntStream.range(0, 11).mapToObj(i -> database()).toList();
    try (ConnectionPools pools = pools(4, Duration.ofSeconds(2))) {
      // eleven short runs, each touching its own database
      for (String database : databases) {
        selectOne(pools.owner(CrmFleet.CLUSTER, database));
        selectOne(pools.owner(CrmFleet.CLUSTER, database));
      }
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(pools.openPools()).isLessThanOrEqualTo(4);
        assertThat(housekeepers()).as("housekeeping threads").isLessThanOrEqualTo(4);
      });

      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
        assertThat(pools.openPools()).as("idle pools close").isZero();
        assertThat(housekeepers()).isZero();
      });
    }
  }

  @Test
  void shouldNotCloseAPoolUnderAConnectionItLent() throws Exception {
    List<String> databases = IntStream.range(0, 3).mapToObj(i -> database()).toList();
    try (ConnectionPools pools = pools(1, Duration.ofMinutes(1))) {
      try (Connection held = pools.owner(CrmFleet.CLUSTER, databases.get(0)).getConnection()) {
        selectOne(pools.owner(CrmFleet.CLUSTER, databases.get(1)));
        selectOne(pools.owner(CrmFleet.CLUSTER, databases.get(2)));
        try (var statement = held.createStatement(); var rs = statement.executeQuery("SELECT 1")) {
          assertThat(rs.next()).as("the lent connection still works after its pool was dropped").isTrue();
        }
        held.commit();
      }
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pools.openPools()).isLessThanOrEqualTo(1));
    }
  }

  private static String database() {
    String name = Pg.uniqueId("tw_pools");
    Pg.createDatabase(name);
    return name;
  }

  private static ConnectionPools pools(int maxOpen, Duration idle) {
    return new ConnectionPools(Map.of(CrmFleet.CLUSTER, new ClusterSettings(CrmFleet.CLUSTER, Pg.clusterUrl(),
        Pg.user(), Pg.password(), null, null, 2)), maxOpen, idle);
  }

  private static void selectOne(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement();
         var rs = statement.executeQuery("SELECT 1")) {
      rs.next();
      connection.commit();
    }
  }

  private static long housekeepers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().contains("-tw_pools_") && t.getName().contains("housekeeper"))
        .count();
  }
}
