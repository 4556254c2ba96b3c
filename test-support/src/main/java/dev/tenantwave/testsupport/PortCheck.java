package dev.tenantwave.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuses to start on a port something else listens on. Without it a part whose port is taken fails in its own log
 * while clients reach whatever holds the port (another stack's registry, say) and all looks healthy.
 */
public final class PortCheck {

  private PortCheck() {}

  /** Fails naming every taken port and the setting that chooses it; binds each on every interface, as a server may. */
  public static void requireFree(Map<String, Integer> portsBySetting) {
    List<String> taken = new ArrayList<>();
    String firstSetting = null;
    for (Map.Entry<String, Integer> entry : portsBySetting.entrySet()) {
      if (!isFree(entry.getValue())) {
        taken.add("port " + entry.getValue() + " (" + entry.getKey() + ")");
        firstSetting = firstSetting == null ? entry.getKey() : firstSetting;
      }
    }
    if (!taken.isEmpty()) {
      throw new PortInUse("Cannot start: " + String.join(", ", taken) + (taken.size() == 1 ? " is" : " are")
          + " already in use (another ./tw up?). Stop what listens there, or choose a free port, e.g. "
          + firstSetting + "=<port> ./tw up");
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port the stack needs is taken. */
  public static final class PortInUse extends IllegalStateException {
    PortInUse(String message) {
      super(message);
    }
  }
}
