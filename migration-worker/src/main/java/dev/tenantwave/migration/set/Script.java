package dev.tenantwave.migration.set;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** One SQL file of a migration set, with the checksum its tenants' history records. */
public record Script(String name, String sql, String checksum) {

  public static Script of(String name, String sql) {
    return new Script(name, sql, sha256(normalise(sql)));
  }

  /** The statements of the script, in order. */
  public List<String> statements() {
    return SqlStatements.split(sql);
  }

  /** Line endings and trailing blanks do not change what a script does, so they do not change its checksum. */
  private static String normalise(String sql) {
    return sql.replace("\r\n", "\n").strip();
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
