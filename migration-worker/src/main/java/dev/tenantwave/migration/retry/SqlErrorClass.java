package dev.tenantwave.migration.retry;

/**
 * Whether a PostgreSQL error is worth another try. Retriable: lock not available (55P03, what lock_timeout
 * raises), serialization failure (40001), deadlock (40P01), connection errors (08xxx), statement cancelled by
 * timeout or shutdown (57014, 57P01-57P03). Everything else, syntax and missing objects (42xxx) first, is
 * permanent: trying again cannot change the answer.
 */
public enum SqlErrorClass {
  RETRIABLE,
  PERMANENT;

  public static SqlErrorClass of(String sqlState) {
    if (sqlState == null) {
      return PERMANENT;
    }
    if (sqlState.startsWith("08")) {
      return RETRIABLE;
    }
    return switch (sqlState) {
      case "55P03", "40001", "40P01", "57014", "57P01", "57P02", "57P03", "53300" -> RETRIABLE;
      default -> PERMANENT;
    };
  }
}
