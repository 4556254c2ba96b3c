package dev.tenantwave.catalog;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Runs {@link CatalogViewProbe} in a child JVM and asks it for its map. */
final class ViewProcess implements AutoCloseable {

  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  ViewProcess(String bootstrap, String registryUrl) throws Exception {
    this(bootstrap, registryUrl, false);
  }

  /** With {@code watch}, the process also reports each change it sees as {@code SEEN id version epochMicros}. */
  ViewProcess(String bootstrap, String registryUrl, boolean watch) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        CatalogViewProbe.class.getName(), bootstrap, registryUrl, watch ? "watch" : "dump")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("@@")) {
            lines.add(line.substring(2));
          }
        }
      } catch (Exception ignored) {
        // the process ended
      }
    }, "view-process-reader");
    reader.setDaemon(true);
    reader.start();
    String first = lines.poll(120, TimeUnit.SECONDS);
    if (!"READY".equals(first)) {
      throw new IllegalStateException("catalog view process did not get ready: " + first);
    }
  }

  /** The next SEEN line (without its prefix), or null after the timeout. */
  String nextSeen(long timeoutMillis) throws InterruptedException {
    String line;
    do {
      line = lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    } while (line != null && !line.startsWith("SEEN "));
    return line == null ? null : line.substring(5);
  }

  /** The view's map as {@code id|version|cell|cluster} lines, sorted by id. */
  List<String> dump() throws Exception {
    stdin.write("dump\n");
    stdin.flush();
    List<String> result = new ArrayList<>();
    while (true) {
      String line = lines.poll(30, TimeUnit.SECONDS);
      if (line == null) {
        throw new IllegalStateException("catalog view process stopped answering");
      }
      if (line.equals("END")) {
        return result;
      }
      result.add(line);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      stdin.write("quit\n");
      stdin.flush();
    } catch (Exception ignored) {
      // already gone
    }
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

}
