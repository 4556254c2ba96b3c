package dev.tenantwave.cli.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A release plan document as sent: YAML for {@code .yaml} and {@code .yml} files, JSON for {@code .json}. */
record PlanFile(String document, String contentType) {

  static PlanFile read(Path file, RolloutOptions rollout) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String contentType = name.endsWith(".yaml") || name.endsWith(".yml") ? "application/yaml"
        : name.endsWith(".json") ? "application/json" : null;
    if (contentType == null) {
      throw rollout.usage("the plan must be a .yaml, .yml or .json file, was " + file);
    }
    try {
      return new PlanFile(Files.readString(file, StandardCharsets.UTF_8), contentType);
    } catch (IOException e) {
      throw rollout.usage("cannot read the plan " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
