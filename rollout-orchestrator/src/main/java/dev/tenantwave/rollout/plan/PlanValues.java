package dev.tenantwave.rollout.plan;

import java.util.regex.Pattern;

/** The kinds of text a plan document holds, each with the rule that violations quote. */
final class PlanValues {

  static final ValueType<String> RELEASE_ID = matching("[a-z0-9][a-z0-9._-]{1,62}",
      "a release id of 2-63 characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
  static final ValueType<String> VERSION = ValueType.TEXT.where(s -> !s.isBlank() && s.length() <= 64,
      "a version such as \"2.4.0\": not blank, at most 64 characters");
  static final ValueType<String> MIGRATION_SET = matching("[a-z0-9][a-z0-9._-]{0,99}",
      "a migration set name of 1-100 characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
  static final ValueType<String> TENANT_ID = matching("[a-z0-9][a-z0-9-]{1,62}",
      "a tenant id of 2-63 characters a-z, 0-9 or '-', starting with a letter or digit");
  static final ValueType<String> REGION_ID = matching("[a-z0-9][a-z0-9-]{1,62}",
      "a region id of 2-63 characters a-z, 0-9 or '-', starting with a letter or digit, such as eu-west");
  static final ValueType<String> WAVE_NAME = ValueType.TEXT.where(s -> !s.isBlank() && s.length() <= 100,
      "a wave name: not blank, at most 100 characters");
  static final ValueType<String> FLAG_NAME = ValueType.TEXT.where(s -> !s.isBlank() && s.length() <= 100,
      "a flag name: not blank, at most 100 characters");

  private PlanValues() {}

  private static ValueType<String> matching(String regex, String description) {
    return ValueType.TEXT.where(Pattern.compile(regex).asMatchPredicate(), description);
  }
}
