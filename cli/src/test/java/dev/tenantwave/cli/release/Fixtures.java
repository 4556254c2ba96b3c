package dev.tenantwave.cli.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Documents as the rollout orchestrator writes them, kept in {@code src/test/resources/release}. */
final class Fixtures {

  private Fixtures() {}

  static String json(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/release/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(String name, Class<T> type) {
    return ReleaseDocuments.read(json(name), type);
  }
}
