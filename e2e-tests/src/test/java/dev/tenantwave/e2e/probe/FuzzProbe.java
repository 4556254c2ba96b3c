package dev.tenantwave.e2e.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A quick fuzz of the catalog's and the orchestrator's write endpoints, as admin: each endpoint's valid body broken
 * every way the issue names (malformed JSON, wrong types, huge bodies, unknown fields, lone surrogates) plus YAML
 * bombs for release plans. Expected: no 5xx, every 4xx a problem document. Ideas from catalog-service's FuzzIT;
 * unlike it, this runs against the real stack, so it creates its own region, cell, cluster and tenant first, and a
 * body that stays valid (an unknown field, a lone surrogate in a free-text field) may be accepted: those are
 * counted, and a tenant accepted with a lone surrogate is read back.
 */
final class FuzzProbe implements Probe {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";
  private static final String YAML_TYPE = "application/yaml";
  private static final String SURROGATE = "\\ud800";
  private static final byte[] RAW_SURROGATE = {(byte) 0xED, (byte) 0xA0, (byte) 0x80}; // U+D800 as (invalid) UTF-8
  private static final String MARK = "probemark7f3a";
  private static final String MARK_SURROGATE = "probesurrogate1c9e";

  private record Target(String service, String method, String path, String contentType, String validBody) {}

  private record Request(String category, Target target, String contentType, byte[] body, String detail) {

    Request(String category, Target target, String contentType, byte[] body) {
      this(category, target, contentType, body, "");
    }
  }

  private final Map<String, Map<String, Integer>> byCategory = new TreeMap<>();
  private final Map<String, Integer> total = new TreeMap<>();
  private final List<String> serverErrors = new ArrayList<>();
  private final List<String> surrogateReadBacks = new ArrayList<>();
  private final List<String> malformedAccepted = new ArrayList<>();
  private int notProblem;
  private int sequence;

  @Override
  public Finding run(Stack stack) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String region = "probe-" + run;
    String cell = region + "-1";
    String cluster = "pg-probe-" + run;
    String tenant = "probe-" + run + "-t0";
    String admin = Http.basic(stack.users().admin());
    String catalog = stack.url(Stack.CATALOG);
    Map<String, String> setup = new LinkedHashMap<>();
    setup.put("region", Http.send("PUT", catalog + "/api/v1/regions/" + region, admin, JSON_TYPE,
        "{\"jurisdiction\":\"EU\"}").key());
    setup.put("cell", Http.send("PUT", catalog + "/api/v1/cells/" + cell, admin, JSON_TYPE,
        "{\"region\":\"" + region + "\"}").key());
    setup.put("cluster", Http.send("PUT", catalog + "/api/v1/clusters/" + cluster, admin, JSON_TYPE,
        clusterJson(region)).key());
    setup.put("tenant", Http.send("POST", catalog + "/api/v1/tenants", admin, JSON_TYPE,
        tenantJson(tenant, region, cell, cluster)).key());

    String release = "r-probe-" + run;
    List<Target> targets = List.of(
        new Target(Stack.CATALOG, "POST", "/api/v1/tenants", JSON_TYPE, tenantJson(MARK, region, cell, cluster)),
        new Target(Stack.CATALOG, "PUT", "/api/v1/tenants/" + tenant, JSON_TYPE,
            tenantJson(tenant, region, cell, cluster)),
        new Target(Stack.CATALOG, "POST", "/api/v1/tenants/" + tenant + "/move", JSON_TYPE,
            "{\"cell\":\"" + cell + "\",\"cluster\":\"" + cluster + "\"}"),
        new Target(Stack.CATALOG, "POST", "/api/v1/tenants/" + tenant + "/residency-change", JSON_TYPE,
            "{\"region\":\"" + region + "\",\"cell\":\"" + cell + "\",\"cluster\":\"" + cluster
                + "\",\"database\":\"crm\",\"reason\":\"probe\"}"),
        new Target(Stack.CATALOG, "POST", "/api/v1/tenant-imports", JSON_TYPE,
            "{\"tenants\":[" + tenantJson(MARK, region, cell, cluster) + "]}"),
        new Target(Stack.CATALOG, "PUT", "/api/v1/regions/" + region, JSON_TYPE, "{\"jurisdiction\":\"EU\"}"),
        new Target(Stack.CATALOG, "PUT", "/api/v1/cells/" + cell, JSON_TYPE, "{\"region\":\"" + region + "\"}"),
        new Target(Stack.CATALOG, "PUT", "/api/v1/clusters/" + cluster, JSON_TYPE, clusterJson(region)),
        new Target(Stack.ROLLOUT, "POST", "/api/v1/releases", JSON_TYPE, planJson(release, region)),
        new Target(Stack.ROLLOUT, "POST", "/api/v1/releases/dry-run", JSON_TYPE, planJson(release, region)),
        new Target(Stack.ROLLOUT, "POST", "/api/v1/releases/" + release + "/start", JSON_TYPE,
            "{\"reason\":\"probe\",\"region\":\"" + region + "\"}"),
        new Target(Stack.ROLLOUT, "POST", "/api/v1/releases/" + release + "/pause", JSON_TYPE,
            "{\"reason\":\"probe\"}"),
        new Target(Stack.ROLLOUT, "POST", "/api/v1/releases/" + release + "/tenants/" + tenant + "/isolate",
            JSON_TYPE, "{\"reason\":\"probe\"}"));

    long started = System.nanoTime();
    for (Target target : targets) {
      for (Request request : requests(target)) {
        send(stack, admin, request);
      }
    }
    for (Target target : targets.subList(8, 10)) {
      for (Request request : yamlRequests(target, release, region)) {
        send(stack, admin, request);
      }
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    int requests = total.values().stream().mapToInt(Integer::intValue).sum();
    boolean ok = serverErrors.isEmpty() && notProblem == 0;
    return new Finding("5 bad input over HTTP", ok, String.format(Locale.ROOT,
        "%d requests to %d endpoints in %.1f s: %s; by kind %s; 5xx: %s; 4xx without a problem document: %d; "
            + "malformed accepted: %s; lone surrogates and NULs accepted: %s; setup %s",
        requests, targets.size(), elapsed, total,
        byCategory.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
        serverErrors.isEmpty() ? "none" : serverErrors.size() + " " + serverErrors.subList(0,
            Math.min(5, serverErrors.size())),
        notProblem, malformedAccepted.isEmpty() ? "none" : malformedAccepted,
        surrogateReadBacks.isEmpty() ? "none" : surrogateReadBacks, setup));
  }

  private void send(Stack stack, String admin, Request request) {
    String path = request.target().path();
    byte[] body = request.body();
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String created = null;
    if (text.contains(MARK)) { // a fresh tenant id for each create, so that a valid one is not a conflict
      created = "pfz" + (++sequence) + UUID.randomUUID().toString().substring(0, 4);
      body = text.replace(MARK, created).getBytes(StandardCharsets.ISO_8859_1);
    }
    Http.Answer answer = Http.send(request.target().method(), stack.url(request.target().service()) + path, admin,
        request.contentType(), body);
    String key = answer.status() >= 0 ? answer.key() : answer.failure();
    byCategory.computeIfAbsent(request.category(), k -> new TreeMap<>()).merge(key, 1, Integer::sum);
    total.merge(key, 1, Integer::sum);
    if (answer.status() >= 500) {
      serverErrors.add(request.target().method() + " " + path + " " + request.category() + " -> " + answer.status()
          + " " + abbreviate(answer.body()));
    } else if (answer.status() >= 400 && !String.valueOf(answer.header("Content-Type"))
        .startsWith("application/problem+json")) {
      notProblem++;
    }
    if (answer.status() / 100 == 2 && request.category().equals("malformed")) {
      malformedAccepted.add(request.target().method() + " " + path + " " + request.detail());
    }
    if (answer.status() / 100 == 2 && (request.category().equals("lone surrogate")
        || request.category().equals("nul char"))) {
      String field = request.detail().replaceFirst(" .*", "");
      String where = path.equals("/api/v1/tenants") && created != null ? "/api/v1/tenants/" + created
          : request.target().method().equals("PUT") ? path : null;
      String readBack = "(not readable)";
      if (where != null && request.target().service().equals(Stack.CATALOG)) {
        Http.Answer stored = Http.send("GET", stack.url(Stack.CATALOG) + where, admin, null, (byte[]) null);
        readBack = escaped(valueOf(stored.body(), field));
      }
      surrogateReadBacks.add(request.target().method() + " " + path + " " + request.detail() + " -> "
          + answer.status() + ", read back " + readBack);
    }
  }

  private static List<Request> requests(Target target) throws Exception {
    List<Request> requests = new ArrayList<>();
    String valid = target.validBody();
    byte[] utf8 = valid.getBytes(StandardCharsets.UTF_8);
    Function<String, Request> malformed = body -> new Request("malformed", target, target.contentType(),
        body.getBytes(StandardCharsets.UTF_8), abbreviate(body.length() > 40 ? body.substring(0, 20) + "…"
        + body.substring(body.length() - 20) : body));
    for (int cut : new int[] {1, valid.length() / 3, valid.length() / 2, valid.length() - 1}) {
      requests.add(malformed.apply(valid.substring(0, cut)));
    }
    for (String body : List.of("", "{", "}{", "null", "[]", "\"text\"", "42", "{\"a\":}", "{'a':1}",
        valid.replaceFirst("}$", ",}"), valid + valid, "{\"a\":NaN}", "<tenant><id>x</id></tenant>",
        "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000))) {
      requests.add(malformed.apply(body));
    }
    requests.add(new Request("malformed", target, target.contentType(), randomBytes(new Random(utf8.length))));
    requests.add(new Request("malformed", target, target.contentType(), concat(new byte[] {(byte) 0xC3, 0x28}, utf8)));
    requests.add(new Request("malformed", target, "text/plain", utf8, "as text/plain"));
    requests.add(new Request("malformed", target, "application/x-www-form-urlencoded", utf8, "as a form"));
    requests.add(new Request("malformed", target, null, utf8, "without Content-Type"));

    ObjectNode base = (ObjectNode) JSON.readTree(valid);
    for (String field : fields(base)) {
      for (String replacement : List.of("42", "[]", "{}", "true", "null", "\"\"", "1e400", "99999999999999999999",
          "-0.5")) {
        ObjectNode changed = base.deepCopy();
        changed.set(field, JSON.readTree(replacement));
        requests.add(new Request("wrong type", target, target.contentType(),
            JSON.writeValueAsBytes(changed)));
      }
    }

    String firstString = fields(base).stream().filter(f -> base.get(f).isTextual()).findFirst().orElse(null);
    requests.add(json("huge", target, "{\"padding\":\"" + "x".repeat(1 << 20) + "\"," + valid.substring(1)));
    requests.add(json("huge", target, "{\"padding\":\"" + "x".repeat(17 << 20) + "\"," + valid.substring(1)));
    requests.add(json("huge", target, "{\"many\":[" + "1,".repeat(200_000) + "1]," + valid.substring(1)));
    requests.add(json("huge", target, "{\"" + "k".repeat(1 << 20) + "\":1," + valid.substring(1)));
    if (firstString != null) {
      ObjectNode changed = base.deepCopy();
      changed.put(firstString, "y".repeat(1 << 20));
      requests.add(new Request("huge", target, target.contentType(), JSON.writeValueAsBytes(changed)));
    }

    requests.add(json("unknown field", target, valid.replaceFirst("^\\{", "{\"probeUnknown\":1,")));
    requests.add(json("unknown field", target, valid.replaceFirst("^\\{", "{\"__proto__\":{\"admin\":true},")));
    requests.add(json("unknown field", target, valid.replaceFirst("^\\{", "{\"version\":-1,")));
    requests.add(json("unknown field", target, valid.replaceFirst("^\\{", "{\"id\":\"other\",")));
    requests.add(json("unknown field", target, valid.replaceFirst("^\\{", "{\"createdBy\":\"mallory\",")));

    for (String field : fields(base)) {
      if (!base.get(field).isTextual()) {
        continue;
      }
      for (String surrogate : List.of(SURROGATE, "\\udfff\\ud800", "x" + SURROGATE + "y", "\\u0000")) {
        ObjectNode changed = base.deepCopy();
        changed.put(field, MARK_SURROGATE);
        String text = JSON.writeValueAsString(changed).replace(MARK_SURROGATE, surrogate);
        requests.add(new Request(surrogate.equals("\\u0000") ? "nul char" : "lone surrogate", target,
            target.contentType(), text.getBytes(StandardCharsets.UTF_8), field + " \"" + surrogate + "\""));
      }
      ObjectNode changed = base.deepCopy();
      changed.put(field, MARK_SURROGATE);
      byte[] text = JSON.writeValueAsBytes(changed);
      requests.add(new Request("lone surrogate", target, target.contentType(), replace(text,
          MARK_SURROGATE.getBytes(StandardCharsets.UTF_8), RAW_SURROGATE), field + " raw ED A0 80"));
    }
    return requests;
  }

  /** Plans as YAML: broken, a billion laughs, a deep nesting, a type tag that would construct a class. */
  private static List<Request> yamlRequests(Target target, String release, String region) {
    String plan = "releaseId: " + release + "\nappVersion: 1.1.0\npreviousAppVersion: 1.0.0\n"
        + "gates: {windowSeconds: 10, bakeSeconds: 3600, max5xxRate: 0.05}\n"
        + "failurePolicy: {maxFailedTenantsPerWave: 0, autoRollback: true}\n"
        + "regions:\n  - region: " + region + "\n    waves:\n      - {name: everyone, cohort: {tracks: [GENERAL]}}\n";
    StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      laughs.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        laughs.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
      }
      laughs.append("]\n");
    }
    List<String> bodies = List.of(plan.substring(0, plan.length() / 2), plan.replace("  - region", "\t- region"),
        laughs.toString(), "[".repeat(5_000) + "]".repeat(5_000), "x: !!javax.script.ScriptEngineManager [!!java.net"
            + ".URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n",
        plan.replace("appVersion: 1.1.0", "appVersion: [1, 2]"), plan.replace("bakeSeconds: 3600", "bakeSeconds: x"),
        plan.replace("region: " + region, "region: \"" + SURROGATE + "\""), plan + "probeUnknown: 1\n",
        plan.replace("releaseId: " + release, "releaseId: " + release + "-" + "z".repeat(1 << 20)), "",
        "---\n---\n---\n", "%YAML 9.9\n---\na: 1\n");
    List<Request> requests = new ArrayList<>();
    for (String body : bodies) {
      requests.add(new Request("yaml plan", target, YAML_TYPE, body.getBytes(StandardCharsets.UTF_8)));
    }
    return requests;
  }

  private static Request json(String category, Target target, String body) {
    return new Request(category, target, target.contentType(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> fields(ObjectNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(2_000)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static byte[] replace(byte[] text, byte[] what, byte[] with) {
    String latin = new String(text, StandardCharsets.ISO_8859_1);
    return latin.replace(new String(what, StandardCharsets.ISO_8859_1), new String(with, StandardCharsets.ISO_8859_1))
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String valueOf(String body, String field) {
    try {
      JsonNode node = JSON.readTree(body);
      return node.path(field).isMissingNode() ? "(no " + field + ")" : node.path(field).asText();
    } catch (Exception e) {
      return "(not JSON)";
    }
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().limit(20).forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
    return out.toString();
  }

  private static String abbreviate(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ");
    return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
  }

  private static String clusterJson(String region) {
    return "{\"region\":\"" + region + "\",\"tenancyModels\":[\"POOLED\",\"SCHEMA\",\"DATABASE\"],"
        + "\"host\":\"localhost\",\"port\":5432}";
  }

  private static String tenantJson(String id, String region, String cell, String cluster) {
    return ("{\"id\":\"%s\",\"displayName\":\"Tenant %s\",\"tier\":\"SMB\",\"track\":\"GENERAL\",\"region\":\"%s\","
        + "\"cell\":\"%s\",\"tenancy\":\"SCHEMA\",\"cluster\":\"%s\",\"database\":\"crm\",\"schema\":\"t_%s\","
        + "\"flags\":{\"new-pipeline\":true},\"integrations\":[{\"name\":\"salesforce-sync\",\"apiVersion\":\"v2\"}],"
        + "\"maintenanceWindows\":[{\"days\":[\"SAT\",\"SUN\"],\"start\":\"02:00\",\"end\":\"06:00\","
        + "\"zone\":\"Europe/Berlin\"}],\"owner\":\"team-probe\"}").formatted(id, id, region, cell, cluster,
        id.replace('-', '_'));
  }

  private static String planJson(String release, String region) {
    return "{\"releaseId\":\"" + release + "\",\"appVersion\":\"1.1.0\",\"previousAppVersion\":\"1.0.0\","
        + "\"gates\":{\"windowSeconds\":10,\"bakeSeconds\":3600,\"max5xxRate\":0.05},"
        + "\"failurePolicy\":{\"maxFailedTenantsPerWave\":0,\"autoRollback\":true},"
        + "\"regions\":[{\"region\":\"" + region + "\",\"waves\":[{\"name\":\"everyone\","
        + "\"cohort\":{\"tracks\":[\"GENERAL\"]}}]}]}";
  }
}
