package dev.tenantwave.migration.set;

/** A step of expand → migrate → contract, or the undoing of one. */
public enum Phase {
  EXPAND("expand.sql"),
  MIGRATE("migrate.sql"),
  CONTRACT("contract.sql"),
  ROLLBACK_MIGRATE("rollback-migrate.sql"),
  ROLLBACK_EXPAND("rollback-expand.sql");

  private final String scriptName;

  Phase(String scriptName) {
    this.scriptName = scriptName;
  }

  public String scriptName() {
    return scriptName;
  }

  public boolean isRollback() {
    return this == ROLLBACK_MIGRATE || this == ROLLBACK_EXPAND;
  }
}
