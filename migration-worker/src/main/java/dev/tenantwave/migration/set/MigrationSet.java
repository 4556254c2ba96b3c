package dev.tenantwave.migration.set;

import java.util.Map;
import java.util.Optional;

/** A folder of SQL per phase plus a manifest; every script carries its checksum. */
public record MigrationSet(Manifest manifest, Map<Phase, Script> scripts, Script verify) {

  public static final String VERIFY = "verify.sql";

  public MigrationSet {
    scripts = Map.copyOf(scripts);
    for (Phase required : new Phase[] {Phase.EXPAND, Phase.MIGRATE, Phase.CONTRACT, Phase.ROLLBACK_EXPAND}) {
      if (!scripts.containsKey(required)) {
        throw new InvalidMigrationSetException(
            "migration set '" + manifest.name() + "' has no " + required.scriptName());
      }
    }
    if (verify == null) {
      throw new InvalidMigrationSetException("migration set '" + manifest.name() + "' has no " + VERIFY);
    }
  }

  public String name() {
    return manifest.name();
  }

  public Script script(Phase phase) {
    return optionalScript(phase).orElseThrow(
        () -> new IllegalArgumentException("migration set '" + name() + "' has no " + phase.scriptName()));
  }

  /** rollback-migrate.sql is optional: a backfill into new columns may need no undo beyond dropping them. */
  public Optional<Script> optionalScript(Phase phase) {
    return Optional.ofNullable(scripts.get(phase));
  }
}
