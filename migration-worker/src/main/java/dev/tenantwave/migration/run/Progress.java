package dev.tenantwave.migration.run;

/** One observation of a tenant's phase, at a state change or during a backfill. */
public record Progress(
    MigrationCommand command, ProgressState state, long rowsDone, Long rowsTotal, Double rowsPerSecond,
    Long batchMillis, long durationMillis, int attempt, String error, String checksum) {

  public static Progress of(MigrationCommand command, ProgressState state, long durationMillis, String checksum) {
    return new Progress(command, state, 0, null, null, null, durationMillis, command.attempt(), null, checksum);
  }

  public static Progress failed(MigrationCommand command, String error, long durationMillis, String checksum) {
    return new Progress(command, ProgressState.FAILED, 0, null, null, null, durationMillis, command.attempt(), error,
        checksum);
  }
}
