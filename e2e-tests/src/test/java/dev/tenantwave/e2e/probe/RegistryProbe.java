package dev.tenantwave.e2e.probe;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An anonymous change of the registry's global compatibility, from loopback and from the machine's other addresses.
 * Apicurio checks callers only through an OIDC provider, which the stack does not ship, so from loopback it answers
 * 200 (docs/security.md, "The schema registry"); it binds 127.0.0.1, so from anywhere else it must be refused. The
 * probe puts back the level it read, so the stack's rule is unchanged.
 */
final class RegistryProbe implements Probe {

  private static final String CONFIG = "/apis/ccompat/v7/config";
  private static final String TYPE = "application/vnd.schemaregistry.v1+json";

  @Override
  public Finding run(Stack stack) {
    int port = stack.port(Stack.REGISTRY);
    Http.Answer current = Http.send("GET", "http://127.0.0.1:" + port + CONFIG, null, null, (byte[]) null);
    String level = current.body().replaceAll("(?s).*\"compatibilityLevel\"\\s*:\\s*\"([A-Z_]+)\".*", "$1");
    if (current.status() != 200 || !level.matches("[A-Z_]+")) {
      return new Finding("2 registry", false, "GET " + CONFIG + " answered " + current.key() + ": " + current.body());
    }
    String body = "{\"compatibility\":\"" + level + "\"}";
    Http.Answer loopback = Http.send("PUT", "http://127.0.0.1:" + port + CONFIG, null, TYPE, body);
    List<String> others = new ArrayList<>();
    boolean othersRefused = true;
    for (InetAddress address : Addresses.nonLoopback()) {
      Http.Answer answer = Http.send("PUT", "http://" + Addresses.hostOf(address) + ":" + port + CONFIG, null, TYPE,
          body);
      othersRefused &= "refused".equals(answer.failure());
      others.add(address.getHostAddress() + " -> " + answer.key());
    }
    return new Finding("2 registry", loopback.status() == 200 && othersRefused && !others.isEmpty(),
        String.format(Locale.ROOT, "anonymous PUT %s {\"compatibility\":\"%s\"} from 127.0.0.1 -> %s (expected 200:"
            + " no OIDC provider, loopback only); from %s", CONFIG, level, loopback.key(),
            others.isEmpty() ? "no non-loopback address found" : String.join(", ", others)));
  }
}
