package dev.tenantwave.e2e.probe;

import java.util.Locale;

/** What one probe saw, in one line, and whether it is what the stack promises. */
record Finding(String probe, boolean asExpected, String figures) {

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%-3s %-24s %s", asExpected ? "ok" : "BAD", probe, figures);
  }
}
