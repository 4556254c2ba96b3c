package dev.tenantwave.e2e.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every socket the stack listens on, from the kernel's tables ({@code /proc/net/tcp}, {@code tcp6}) joined with the
 * sockets of the stack's processes ({@code ./tw up} and everything it started, found through its
 * {@code LocalStackMain}'s data directory): each must be bound to loopback, each of its settings' ports must be one
 * of them, and none may accept a connection on the machine's other addresses.
 */
final class PortsProbe implements Probe {

  private record Listener(InetAddress address, int port) {}

  @Override
  public Finding run(Stack stack) throws IOException {
    Set<Long> pids = stackProcesses(stack);
    Set<String> inodes = new HashSet<>();
    for (long pid : pids) {
      inodes.addAll(socketInodes(pid));
    }
    Map<Integer, List<InetAddress>> listening = new TreeMap<>();
    for (Map.Entry<String, Listener> socket : listeningSockets().entrySet()) {
      if (inodes.contains(socket.getKey())) {
        listening.computeIfAbsent(socket.getValue().port(), p -> new ArrayList<>()).add(socket.getValue().address());
      }
    }
    Map<Integer, String> settingOf = new TreeMap<>();
    stack.ports().forEach((setting, port) -> settingOf.put(port, setting));

    List<String> notLoopback = new ArrayList<>();
    listening.forEach((port, addresses) -> addresses.stream().filter(a -> !a.isLoopbackAddress())
        .forEach(a -> notLoopback.add(a.getHostAddress() + ":" + port)));
    List<String> missing = settingOf.keySet().stream().filter(port -> !listening.containsKey(port))
        .map(port -> settingOf.get(port) + "=" + port).toList();
    List<String> unlisted = listening.keySet().stream().filter(port -> !settingOf.containsKey(port))
        .map(port -> port + " on " + addresses(listening.get(port))).toList();
    List<InetAddress> others = Addresses.nonLoopback();
    List<String> reachable = new ArrayList<>();
    for (int port : listening.keySet()) {
      for (InetAddress address : others) {
        String outcome = Addresses.connect(address, port);
        if (!"refused".equals(outcome)) {
          reachable.add(address.getHostAddress() + ":" + port + " " + outcome);
        }
      }
    }
    boolean ok = !pids.isEmpty() && notLoopback.isEmpty() && missing.isEmpty() && reachable.isEmpty();
    return new Finding("7 ports", ok, String.format(Locale.ROOT,
        "%d stack processes listen on %d ports: %s; not loopback: %s; settings not listening: %s; ports of no setting:"
            + " %s; connects to %s: %d refused, open or other: %s",
        pids.size(), listening.size(), settingOf.entrySet().stream().filter(e -> listening.containsKey(e.getKey()))
            .map(e -> e.getValue().replaceFirst("^TW_", "").replaceFirst("_PORT$", "").toLowerCase(Locale.ROOT)
                + " " + e.getKey() + " on " + addresses(listening.get(e.getKey())))
            .collect(Collectors.joining(", ")),
        none(notLoopback), none(missing), none(unlisted),
        others.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", ")),
        listening.size() * others.size() - reachable.size(), none(reachable)));
  }

  private static String none(List<String> items) {
    return items.isEmpty() ? "none" : String.join(", ", items);
  }

  private static String addresses(List<InetAddress> addresses) {
    return addresses.stream().map(InetAddress::getHostAddress).distinct().sorted().collect(Collectors.joining("+"));
  }

  /** {@code ./tw up} (the parent of the stack's LocalStackMain), all it started, and what names its state directory. */
  private static Set<Long> stackProcesses(Stack stack) {
    String dataDir = "--data-dir\u0000" + stack.state().resolve("data");
    Optional<ProcessHandle> infrastructure = ProcessHandle.allProcesses()
        .filter(p -> commandLine(p.pid()).contains("LocalStackMain") && commandLine(p.pid()).contains(dataDir))
        .findFirst();
    Set<Long> pids = new HashSet<>();
    String state = stack.state().toString();
    // PostgreSQL daemonizes (pg_ctl), so it is no descendant of ./tw up; its data directory names the stack
    ProcessHandle.allProcesses().filter(p -> commandLine(p.pid()).contains(state)).forEach(p -> pids.add(p.pid()));
    infrastructure.ifPresent(main -> {
      ProcessHandle root = main.parent().orElse(main);
      pids.add(root.pid());
      root.descendants().forEach(p -> pids.add(p.pid()));
    });
    return pids;
  }

  private static String commandLine(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static Set<String> socketInodes(long pid) {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    } catch (IOException e) {
      // the process ended meanwhile
    }
    return inodes;
  }

  /** Listening TCP sockets by inode. */
  private static Map<String, Listener> listeningSockets() throws IOException {
    Map<String, Listener> sockets = new TreeMap<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try (Stream<String> lines = Files.lines(Path.of(table))) {
        lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
            .filter(fields -> fields.length > 9 && fields[3].equals("0A"))
            .forEach(fields -> {
              String[] local = fields[1].split(":");
              sockets.put(fields[9], new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
            });
      }
    }
    return sockets;
  }

  /** The kernel writes each 32-bit word of the address in host (little-endian) order. */
  private static InetAddress address(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = word * 4 + i;
        int from = (word * 4 + 3 - i) * 2;
        bytes[at] = (byte) Integer.parseInt(hex.substring(from, from + 2), 16);
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(hex, e);
    }
  }
}
