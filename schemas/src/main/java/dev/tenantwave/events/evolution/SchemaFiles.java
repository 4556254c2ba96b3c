package dev.tenantwave.events.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Reads a folder laid out like {@code src/main/avro}: shared named types in {@code common/}, one top-level schema
 * per other {@code .avsc} file.
 */
public final class SchemaFiles {

  private SchemaFiles() {}

  /** The top-level schemas of the folder by full name; the shared types are parsed first so they resolve. */
  public static Map<String, Schema> read(Path folder) {
    Schema.Parser parser = new Schema.Parser();
    avscIn(folder.resolve("common")).forEach(file -> parse(parser, file));
    Map<String, Schema> schemas = new LinkedHashMap<>();
    for (Path file : avscIn(folder)) {
      Schema schema = parse(parser, file);
      schemas.put(schema.getFullName(), schema);
    }
    return schemas;
  }

  /** The {@code .avsc} files directly in {@code folder}, by name; none when the folder does not exist. */
  public static List<Path> avscIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema parse(Schema.Parser parser, Path file) {
    try {
      return parser.parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid schema " + file + ": " + e.getMessage(), e);
    }
  }
}
