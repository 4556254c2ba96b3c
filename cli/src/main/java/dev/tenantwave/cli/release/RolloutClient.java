package dev.tenantwave.cli.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantwave.cli.ServiceClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The rollout orchestrator's release API, each call as the role it needs; answers are the documents as written. */
final class RolloutClient {

  static final String RELEASES = "/api/v1/releases";

  private final ServiceClient service;

  RolloutClient(ServiceClient service) {
    this.service = service;
  }

  String dryRun(PlanFile plan) throws InterruptedException {
    return service.post(RELEASES + "/dry-run", "viewer", plan.contentType(), plan.document());
  }

  String create(PlanFile plan) throws InterruptedException {
    return service.post(RELEASES, "operator", plan.contentType(), plan.document());
  }

  String list() throws InterruptedException {
    return service.get(RELEASES, "viewer");
  }

  String detail(String releaseId) throws InterruptedException {
    return service.get(RELEASES + "/" + segment(releaseId), "viewer");
  }

  String tenants(String releaseId, String region, Integer wave, String state) throws InterruptedException {
    List<String> query = new ArrayList<>();
    if (region != null) {
      query.add("region=" + URLEncoder.encode(region, StandardCharsets.UTF_8));
    }
    if (wave != null) {
      query.add("wave=" + wave);
    }
    if (state != null) {
      query.add("state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
    }
    return service.get(RELEASES + "/" + segment(releaseId) + "/tenants" + (query.isEmpty() ? ""
        : "?" + String.join("&", query)), "viewer");
  }

  String act(ReleaseAction action, String releaseId, String tenantId, String region, String reason)
      throws InterruptedException {
    ObjectNode body = new ObjectMapper().createObjectNode();
    if (reason != null) {
      body.put("reason", reason);
    }
    if (region != null) {
      body.put("region", region);
    }
    String path = RELEASES + "/" + segment(releaseId) + (tenantId == null ? "" : "/tenants/" + segment(tenantId))
        + "/" + action.path;
    return service.post(path, action.role, "application/json", body.toString());
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
