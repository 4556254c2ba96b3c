package dev.tenantwave.catalog.topology;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** A database cluster's host: a DNS name (RFC 1123 labels), an IPv4 address or an IPv6 literal. */
final class ClusterHost {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private ClusterHost() {}

  static boolean isValid(String host) {
    if (host == null || host.isEmpty() || host.length() > 253) {
      return false;
    }
    if (host.indexOf(':') >= 0) {
      return isIpv6Literal(host);
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Bracketed, the parser reads the host as an IPv6 literal only and never asks DNS. */
  private static boolean isIpv6Literal(String host) {
    if (!IPV6.matcher(host).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName("[" + host + "]").getAddress().length == 16;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
