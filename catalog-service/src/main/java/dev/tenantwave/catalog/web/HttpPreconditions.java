package dev.tenantwave.catalog.web;

import dev.tenantwave.catalog.vocabulary.Vocabulary;
import dev.tenantwave.service.problem.Problem;
import dev.tenantwave.service.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** ETags, If-Match and cursors: the small wire conventions of the catalog API. */
public final class HttpPreconditions {

  private HttpPreconditions() {}

  public static String etag(long version) {
    return "\"" + version + "\"";
  }

  /** The version an If-Match header asks for; null when absent or {@code *}. */
  public static @Nullable Long ifMatch(@Nullable String header) {
    if (header == null || header.isBlank() || header.trim().equals("*")) {
      return null;
    }
    String value = header.trim();
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    value = value.replace("\"", "");
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ProblemException(Problem.of(412, "version-mismatch", "Precondition failed",
          "If-Match '" + Vocabulary.abbreviate(header) + "' is not an ETag this API issued; send the ETag of"
              + " your last GET, such as \"3\""));
    }
  }

  public static String cursorAfter(String lastId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
  }

  /** The id after which a page starts; empty for the first page. */
  public static String afterOf(@Nullable String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return "";
    }
    try {
      String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (Vocabulary.isValidId(id)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the problem below
    }
    throw ProblemException.badRequest("invalid-cursor",
        "cursor '" + Vocabulary.abbreviate(cursor) + "' is not one this API issued; use nextCursor of the previous page");
  }
}
