package dev.tenantwave.e2e.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The machine's own addresses other than loopback: what another host on its networks would connect to. */
final class Addresses {

  private Addresses() {}

  static List<InetAddress> nonLoopback() {
    try {
      return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .filter(Addresses::isUp)
          .flatMap(NetworkInterface::inetAddresses)
          .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
          .toList();
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "open", "refused" or what else happened connecting to {@code address:port} within 2 s. */
  static String connect(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
      return "open";
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      return message.contains("refused") ? "refused" : e.getClass().getSimpleName();
    }
  }

  static String hostOf(InetAddress address) {
    return address instanceof Inet6Address ? "[" + address.getHostAddress().replaceFirst("%.*", "") + "]"
        : address.getHostAddress();
  }

  private static boolean isUp(NetworkInterface network) {
    try {
      return network.isUp();
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }
}
