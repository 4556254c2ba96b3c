package dev.tenantwave.migration.set;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements and turns {@code :name} parameters into JDBC {@code ?} markers, skipping
 * string literals, quoted identifiers, dollar-quoted bodies, comments and {@code ::} casts.
 */
public final class SqlStatements {

  private SqlStatements() {}

  /** A statement ready for a JDBC PreparedStatement, with its parameter names in marker order. */
  public record Prepared(String jdbcSql, List<String> parameters) {}

  public static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    Scanner scanner = new Scanner(script);
    while (scanner.hasNext()) {
      int start = scanner.pos;
      char c = scanner.next();
      if (c == ';' && scanner.lastWasCode) {
        addIfNotBlank(statements, current.toString());
        current.setLength(0);
      } else {
        current.append(script, start, scanner.pos);
      }
    }
    addIfNotBlank(statements, current.toString());
    return statements;
  }

  public static Prepared prepare(String statement) {
    StringBuilder sql = new StringBuilder();
    List<String> names = new ArrayList<>();
    Scanner scanner = new Scanner(statement);
    while (scanner.hasNext()) {
      int start = scanner.pos;
      char c = scanner.next();
      boolean parameterStart = c == ':' && scanner.lastWasCode
          && scanner.pos < statement.length() && isIdentifierStart(statement.charAt(scanner.pos))
          && (start == 0 || statement.charAt(start - 1) != ':');
      if (parameterStart) {
        int end = scanner.pos;
        while (end < statement.length() && isIdentifierPart(statement.charAt(end))) {
          end++;
        }
        names.add(statement.substring(scanner.pos, end));
        sql.append('?');
        scanner.pos = end;
      } else {
        sql.append(statement, start, scanner.pos);
      }
    }
    return new Prepared(sql.toString(), List.copyOf(names));
  }

  private static void addIfNotBlank(List<String> statements, String statement) {
    if (!stripComments(statement).isBlank()) {
      statements.add(statement.strip());
    }
  }

  private static String stripComments(String statement) {
    StringBuilder code = new StringBuilder();
    Scanner scanner = new Scanner(statement);
    while (scanner.hasNext()) {
      int start = scanner.pos;
      char c = scanner.next();
      if (!scanner.lastWasComment) {
        code.append(statement, start, scanner.pos);
      }
    }
    return code.toString();
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Advances over one code character, or over a whole literal, quoted identifier or comment at once. */
  private static final class Scanner {
    private final String text;
    int pos;
    boolean lastWasCode;
    boolean lastWasComment;

    Scanner(String text) {
      this.text = text;
    }

    boolean hasNext() {
      return pos < text.length();
    }

    char next() {
      char c = text.charAt(pos);
      lastWasCode = false;
      lastWasComment = false;
      if (c == '\'' || c == '"') {
        int end = text.indexOf(c, pos + 1);
        while (end >= 0 && end + 1 < text.length() && text.charAt(end + 1) == c) {
          end = text.indexOf(c, end + 2);
        }
        pos = end < 0 ? text.length() : end + 1;
      } else if (c == '-' && text.startsWith("--", pos)) {
        int end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length() : end + 1;
        lastWasComment = true;
      } else if (c == '/' && text.startsWith("/*", pos)) {
        int end = text.indexOf("*/", pos + 2);
        pos = end < 0 ? text.length() : end + 2;
        lastWasComment = true;
      } else if (c == '$' && dollarTag() != null) {
        String tag = dollarTag();
        int end = text.indexOf(tag, pos + tag.length());
        pos = end < 0 ? text.length() : end + tag.length();
      } else {
        pos++;
        lastWasCode = true;
      }
      return c;
    }

    private String dollarTag() {
      int end = pos + 1;
      while (end < text.length() && isIdentifierPart(text.charAt(end))) {
        end++;
      }
      if (end < text.length() && text.charAt(end) == '$' && (end == pos + 1 || !Character.isDigit(text.charAt(pos + 1)))) {
        return text.substring(pos, end + 1);
      }
      return null;
    }
  }
}
