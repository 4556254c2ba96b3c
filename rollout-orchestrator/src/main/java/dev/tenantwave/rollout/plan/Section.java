package dev.tenantwave.rollout.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping of a plan document being read. Each getter adds a violation, with the field's path, for what is wrong
 * and returns a fallback, so that one pass finds every violation. An explicit null is the same as an absent key.
 */
final class Section {

  private final String path;
  private final Map<?, ?> values;
  private final List<PlanViolation> violations;

  Section(String path, Map<?, ?> values, List<String> allowedKeys, List<PlanViolation> violations) {
    this.path = path;
    this.values = values;
    this.violations = violations;
    for (Object key : values.keySet()) {
      if (!(key instanceof String name) || !allowedKeys.contains(name)) {
        violations.add(new PlanViolation(field(String.valueOf(key)),
            "unknown key; allowed keys are " + String.join(", ", allowedKeys)));
      }
    }
  }

  String field(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    return values.get(key) != null;
  }

  void violation(String key, String message) {
    violations.add(new PlanViolation(field(key), message));
  }

  <T> T optional(String key, ValueType<T> type, T fallback) {
    if (!has(key)) {
      return fallback;
    }
    T value = type.read(field(key), values.get(key), violations);
    return value == null ? fallback : value;
  }

  <T> T required(String key, ValueType<T> type, T fallback) {
    if (!has(key)) {
      violation(key, "is required: " + type.description());
      return fallback;
    }
    return optional(key, type, fallback);
  }

  /** An optional list; empty when absent, or when it or any element is of the wrong type (each is reported). */
  <T> Optional<List<T>> list(String key, ValueType<T> element) {
    if (!has(key)) {
      return Optional.empty();
    }
    if (!(values.get(key) instanceof List<?> raw)) {
      violation(key, "must be a list, each element " + element.description() + ", was "
          + ValueType.shown(values.get(key)));
      return Optional.empty();
    }
    List<T> result = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      result.add(element.read(field(key) + "[" + i + "]", raw.get(i), violations));
    }
    return result.contains(null) ? Optional.empty() : Optional.of(result);
  }

  /** An optional mapping from names to values of one type, such as {@code flags}. */
  <T> Map<String, T> mapping(String key, ValueType<String> name, ValueType<T> value) {
    Map<String, T> result = new LinkedHashMap<>();
    if (!has(key)) {
      return result;
    }
    if (!(values.get(key) instanceof Map<?, ?> raw)) {
      violation(key, "must be a mapping of names to " + value.description() + ", was "
          + ValueType.shown(values.get(key)));
      return result;
    }
    raw.forEach((k, v) -> {
      String field = field(key) + "." + k;
      String n = name.read(field, k, violations);
      T t = n == null ? null : value.read(field, v, violations);
      if (t != null) {
        result.put(n, t);
      }
    });
    return result;
  }

  /** A nested mapping; empty (all defaults) when absent, or when of the wrong type after saying so. */
  Section section(String key, List<String> allowedKeys, boolean required) {
    Object raw = values.get(key);
    if (raw instanceof Map<?, ?> map) {
      return new Section(field(key), map, allowedKeys, violations);
    }
    String expected = "a mapping with keys " + String.join(", ", allowedKeys);
    if (raw != null) {
      violation(key, "must be " + expected + ", was " + ValueType.shown(raw));
    } else if (required) {
      violation(key, "is required: " + expected);
    }
    return new Section(field(key), Map.of(), allowedKeys, violations);
  }

  /** A required, non-empty list of mappings such as {@code regions}; elements that are not mappings are left out. */
  List<Section> sections(String key, List<String> allowedKeys, String description) {
    List<Section> result = new ArrayList<>();
    Object raw = values.get(key);
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      violation(key, raw == null ? "is required: " + description
          : "must be " + description + ", was " + ValueType.shown(raw));
      return result;
    }
    for (int i = 0; i < list.size(); i++) {
      String field = field(key) + "[" + i + "]";
      if (list.get(i) instanceof Map<?, ?> map) {
        result.add(new Section(field, map, allowedKeys, violations));
      } else {
        violations.add(new PlanViolation(field,
            "must be a mapping with keys " + String.join(", ", allowedKeys) + ", was " + ValueType.shown(list.get(i))));
      }
    }
    return result;
  }
}
