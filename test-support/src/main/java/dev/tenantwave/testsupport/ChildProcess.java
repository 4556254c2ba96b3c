package dev.tenantwave.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A process started by a test or the local stack (infrastructure, a service, the CLI), its output in a log file,
 * stopped with its descendants.
 */
public final class ChildProcess implements AutoCloseable {

  /** How a command that ran to completion ended: its exit code and everything it wrote (stdout and stderr). */
  public record Completed(int exitCode, String output) {}

  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /** Starts the command with these environment variables on top of this JVM's, stdout and stderr to the log. */
  public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path logFile) {
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
      builder.environment().putAll(environment);
      return new ChildProcess(name, builder.start(), logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name + ": " + String.join(" ", command), e);
    }
  }

  /** The java executable of this JVM, so children run on the same Java as the tests. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Runs a command to completion, failing with its output when it exits non-zero. */
  static void run(String name, List<String> command, Path logFile, Duration timeout) {
    Completed completed = execute(name, command, Map.of(), logFile, timeout);
    if (completed.exitCode() != 0) {
      throw new IllegalStateException(name + " failed with exit code " + completed.exitCode() + "\n"
          + tail(name, logFile, completed.output()));
    }
  }

  /** Runs a command to completion and returns its exit code and output, whatever the code; fails on a timeout. */
  public static Completed execute(String name, List<String> command, Map<String, String> environment, Path logFile,
      Duration timeout) {
    try (ChildProcess child = start(name, command, environment, logFile)) {
      if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(name + " did not finish within " + timeout + "\n" + child.logTail());
      }
      return new Completed(child.process.exitValue(), Files.readString(logFile, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + name, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the output of " + name + " in " + logFile, e);
    }
  }

  /** Waits until {@code ready} holds, failing early with the log when the process dies. */
  public void awaitReady(Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready.getAsBoolean()) {
      requireAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " was not ready within " + timeout + "\n" + logTail());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + name, e);
      }
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Ends the process at once, as kill -9 does: no shutdown hook, no clean leave of any group. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Fails with the log's last lines when the process has exited. */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with code " + process.exitValue() + "\n" + logTail());
    }
  }

  public String name() {
    return name;
  }

  public Path logFile() {
    return logFile;
  }

  /** The last 30 lines of the log, headed by its path. */
  public String logTail() {
    return logTail(30);
  }

  public String logTail(int lines) {
    try {
      return tail(name, logFile, Files.readString(logFile, StandardCharsets.UTF_8), lines);
    } catch (IOException e) {
      return "(no log at " + logFile + ")";
    }
  }

  private static String tail(String name, Path logFile, String output) {
    return tail(name, logFile, output, 30);
  }

  private static String tail(String name, Path logFile, String output, int lines) {
    List<String> all = output.lines().toList();
    return "--- last lines of " + name + " (" + logFile + ") ---\n"
        + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
