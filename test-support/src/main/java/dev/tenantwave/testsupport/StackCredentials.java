package dev.tenantwave.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The passwords of one stack's logins (PostgreSQL roles, Kafka principals), generated at random on first use and
 * kept, readable by the owner only, in {@code credentials.properties} of the stack's data directory, so a restart
 * finds them and {@code --clean} forgets them. Rotating one: delete its line and restart the stack.
 */
public final class StackCredentials {

  public static final String FILE = "credentials.properties";
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final Map<String, String> values = new TreeMap<>();

  private StackCredentials(Path file) {
    this.file = file;
  }

  static synchronized StackCredentials in(Path dataDir) {
    StackCredentials credentials = new StackCredentials(dataDir.resolve(FILE));
    if (Files.exists(credentials.file)) {
      try (Reader in = Files.newBufferedReader(credentials.file)) {
        Properties properties = new Properties();
        properties.load(in);
        properties.forEach((key, value) -> credentials.values.put((String) key, (String) value));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read the stack's credentials in " + credentials.file, e);
      }
    }
    return credentials;
  }

  /** The password of {@code kind.name} (for example {@code postgres.tw_catalog}), generated when it has none. */
  public synchronized String password(String kind, String name) {
    String key = kind + "." + name;
    String password = values.get(key);
    if (password == null) {
      password = generate();
      values.put(key, password);
      save();
    }
    return password;
  }

  static String generate() {
    StringBuilder password = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      try (Writer out = Files.newBufferedWriter(file)) {
        out.write("# Generated logins of this stack (kind.name=password); delete a line and restart to rotate it.\n");
        for (var entry : values.entrySet()) {
          out.write(entry.getKey() + "=" + entry.getValue() + "\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the stack's credentials to " + file, e);
    }
  }
}
