package dev.tenantwave.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of API calls (create, update, move, bulk import, residency change by any role) never put a
 * tenant's cell or cluster outside its jurisdiction; a refused call leaves the database as it was; and a tenant's
 * jurisdiction only ever changes through an admin's residency change.
 */
class ResidencyPropertyIT {

  private static final String[] REGIONS = {"eu-west", "eu-central", "us-east"};
  private static final String[] CELLS = {"eu-west-1", "eu-west-2", "eu-central-1", "us-east-1"};
  private static final String[] CLUSTERS = {"pg-eu-west-a", "pg-eu-central-a", "pg-us-east-a"};

  static CatalogApp app;

  record Placement(String region, String cell, String cluster) {}

  sealed interface Action permits Create, Update, Move, Import, ResidencyChange {}

  record Create(String id, Placement placement) implements Action {}

  record Update(String id, Placement placement) implements Action {}

  record Move(String id, String cell, String cluster) implements Action {}

  record Import(List<String> ids, List<Placement> placements) implements Action {}

  record ResidencyChange(String id, Placement placement, String role, String reason) implements Action {}

  @BeforeContainer
  static void start() {
    app = CatalogApp.start(Map.of());
    app.seedTopology();
  }

  @AfterContainer
  static void stop() {
    app.close();
  }

  @Property(tries = 40, shrinking = ShrinkingMode.OFF)
  void residencyIsAnInvariant(@ForAll("actions") List<Action> actions) throws Exception {
    for (Action action : actions) {
      String before = app.dump();
      Map<String, String> jurisdictionsBefore = jurisdictions();
      HttpResponse<String> response = perform(action);
      assertThat(response.statusCode()).as(action + " -> " + response.body()).isLessThan(500);
      Statistics.label("outcome").collect(action.getClass().getSimpleName() + " " + response.statusCode());
      assertThat(misplacedTenants()).as("after " + action).isEmpty();
      if (response.statusCode() >= 400) {
        assertThat(app.dump()).as("refused " + action + " changed the database").isEqualTo(before);
      }
      Map<String, String> jurisdictionsAfter = jurisdictions();
      for (Map.Entry<String, String> tenant : jurisdictionsBefore.entrySet()) {
        String now = jurisdictionsAfter.get(tenant.getKey());
        if (now != null && !now.equals(tenant.getValue())) {
          assertThat(action).as("jurisdiction of " + tenant.getKey() + " changed by " + action)
              .isInstanceOfSatisfying(ResidencyChange.class, change -> {
                assertThat(change.role()).isEqualTo("admin");
                assertThat(change.id()).isEqualTo(tenant.getKey());
              });
        }
      }
    }
  }

  @Provide
  Arbitrary<List<Action>> actions() {
    Arbitrary<String> ids = Arbitraries.of("p-0", "p-1", "p-2", "p-3", "p-4", "p-5");
    Arbitrary<Placement> placements = Combinators.combine(Arbitraries.of(REGIONS), Arbitraries.of(CELLS),
        Arbitraries.of(CLUSTERS)).as(Placement::new);
    Arbitrary<Action> create = Combinators.combine(ids, placements).as(Create::new);
    Arbitrary<Action> update = Combinators.combine(ids, placements).as(Update::new);
    Arbitrary<Action> move = Combinators.combine(ids, Arbitraries.of(CELLS), Arbitraries.of(CLUSTERS)).as(Move::new);
    Arbitrary<Action> bulk = Combinators.combine(ids.list().ofMinSize(1).ofMaxSize(4).uniqueElements(),
        placements.list().ofSize(4)).as(Import::new);
    Arbitrary<Action> residency = Combinators.combine(ids, placements, Arbitraries.of("viewer", "operator", "admin"),
        Arbitraries.of("", "customer relocated", "")).as(ResidencyChange::new);
    return Arbitraries.oneOf(create, update, move, bulk, residency).list().ofMinSize(1).ofMaxSize(12);
  }

  private static HttpResponse<String> perform(Action action) {
    if (action instanceof Create c) {
      return app.call("operator", "POST", "/api/v1/tenants", json(c.id(), c.placement()));
    }
    if (action instanceof Update u) {
      return app.call("operator", "PUT", "/api/v1/tenants/" + u.id(), json(u.id(), u.placement()));
    }
    if (action instanceof Move m) {
      return app.call("operator", "POST", "/api/v1/tenants/" + m.id() + "/move",
          "{\"cell\":\"" + m.cell() + "\",\"cluster\":\"" + m.cluster() + "\"}");
    }
    if (action instanceof Import i) {
      StringBuilder rows = new StringBuilder();
      for (int n = 0; n < i.ids().size(); n++) {
        rows.append(n == 0 ? "" : ",").append(json(i.ids().get(n), i.placements().get(n)));
      }
      return app.call("operator", "POST", "/api/v1/tenant-imports", "{\"tenants\":[" + rows + "]}");
    }
    ResidencyChange r = (ResidencyChange) action;
    Placement p = r.placement();
    return app.call(r.role(), "POST", "/api/v1/tenants/" + r.id() + "/residency-change",
        "{\"region\":\"" + p.region() + "\",\"cell\":\"" + p.cell() + "\",\"cluster\":\"" + p.cluster()
            + "\",\"schema\":\"t_" + r.id().replace('-', '_') + "\",\"reason\":\"" + r.reason() + "\"}");
  }

  private static String json(String id, Placement p) {
    return CatalogApp.tenantJson(id, p.region(), p.cell(), p.cluster());
  }

  private static List<String> misplacedTenants() throws Exception {
    return query("""
        SELECT t.id FROM tenants t
          JOIN regions home ON home.id = t.region
          JOIN cells c ON c.id = t.cell JOIN regions cr ON cr.id = c.region
          JOIN database_clusters k ON k.id = t.cluster JOIN regions kr ON kr.id = k.region
         WHERE cr.jurisdiction <> home.jurisdiction OR kr.jurisdiction <> home.jurisdiction""", 1)
        .keySet().stream().toList();
  }

  private static Map<String, String> jurisdictions() throws Exception {
    return query("SELECT t.id, r.jurisdiction FROM tenants t JOIN regions r ON r.id = t.region", 2);
  }

  private static Map<String, String> query(String sql, int columns) throws Exception {
    Map<String, String> rows = new HashMap<>();
    try (var c = app.db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.put(rs.getString(1), columns > 1 ? rs.getString(2) : "");
      }
    }
    return rows;
  }
}
