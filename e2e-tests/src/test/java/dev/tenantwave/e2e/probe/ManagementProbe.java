package dev.tenantwave.e2e.probe;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Issue 13's management endpoints on every service, anonymous and as admin: 401 or 404 (403 at most), never a 5xx.
 */
final class ManagementProbe implements Probe {

  private static final List<String[]> ENDPOINTS = List.of(new String[] {"GET", "/beans"},
      new String[] {"GET", "/info"}, new String[] {"GET", "/routes"}, new String[] {"GET", "/threaddump"},
      new String[] {"POST", "/refresh"}, new String[] {"GET", "/loggers"}, new String[] {"GET", "/env"});

  @Override
  public Finding run(Stack stack) {
    Map<String, Map<String, Integer>> byCaller = new TreeMap<>();
    Map<String, Integer> all = new TreeMap<>();
    for (String service : Stack.SERVICES) {
      for (String[] endpoint : ENDPOINTS) {
        String url = stack.url(service) + endpoint[1];
        String body = endpoint[0].equals("POST") ? "{}" : null;
        Http.Answer anonymous = Http.send(endpoint[0], url, null, body == null ? null : "application/json", body);
        Http.Answer admin = Http.send(endpoint[0], url, Http.basic(stack.users().admin()),
            body == null ? null : "application/json", body);
        byCaller.computeIfAbsent("anonymous", k -> new TreeMap<>()).merge(anonymous.key(), 1, Integer::sum);
        byCaller.computeIfAbsent("admin", k -> new TreeMap<>()).merge(admin.key(), 1, Integer::sum);
        all.merge(anonymous.key(), 1, Integer::sum);
        all.merge(admin.key(), 1, Integer::sum);
      }
    }
    boolean ok = all.keySet().stream().allMatch(status -> List.of("401", "403", "404").contains(status));
    return new Finding("4 management endpoints", ok, String.format(Locale.ROOT,
        "%d requests (%s on 4 services, anonymous and admin): %s",
        all.values().stream().mapToInt(Integer::intValue).sum(),
        ENDPOINTS.stream().map(e -> e[0] + " " + e[1]).collect(Collectors.joining(", ")),
        byCaller.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "))));
  }
}
