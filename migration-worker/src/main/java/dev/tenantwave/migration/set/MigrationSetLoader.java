package dev.tenantwave.migration.set;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Loads migration sets by name from a directory (when configured) or else from {@code migrations/<name>/} on the
 * classpath, once each.
 */
public class MigrationSetLoader {

  public static final String MANIFEST = "manifest.properties";
  private static final Pattern SET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

  private final Path directory;
  private final ClassLoader classLoader;
  private final Map<String, MigrationSet> loaded = new ConcurrentHashMap<>();

  public MigrationSetLoader(Path directory) {
    this.directory = directory;
    this.classLoader = MigrationSetLoader.class.getClassLoader();
  }

  public static MigrationSetLoader classpath() {
    return new MigrationSetLoader(null);
  }

  public MigrationSet load(String name) {
    if (name == null || !SET_NAME.matcher(name).matches()) {
      throw new InvalidMigrationSetException("migration set name '" + name + "' must match " + SET_NAME);
    }
    return loaded.computeIfAbsent(name, this::read);
  }

  private MigrationSet read(String name) {
    Function<String, Optional<String>> files = directory != null && Files.isDirectory(directory.resolve(name))
        ? file -> readFile(directory.resolve(name).resolve(file))
        : file -> readResource("migrations/" + name + "/" + file);
    String manifestText = files.apply(MANIFEST).orElseThrow(() -> new InvalidMigrationSetException(
        "no migration set '" + name + "' (no " + MANIFEST + " in "
            + (directory == null ? "" : directory + " or ") + "classpath:migrations/" + name + ")"));
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(manifestText));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Phase, Script> scripts = new EnumMap<>(Phase.class);
    for (Phase phase : Phase.values()) {
      files.apply(phase.scriptName()).ifPresent(sql -> scripts.put(phase, Script.of(phase.scriptName(), sql)));
    }
    Script verify = files.apply(MigrationSet.VERIFY).map(sql -> Script.of(MigrationSet.VERIFY, sql)).orElse(null);
    return new MigrationSet(Manifest.parse(name, properties), scripts, verify);
  }

  private static Optional<String> readFile(Path path) {
    try {
      return Files.exists(path) ? Optional.of(Files.readString(path, StandardCharsets.UTF_8)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<String> readResource(String resource) {
    try (InputStream in = classLoader.getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
