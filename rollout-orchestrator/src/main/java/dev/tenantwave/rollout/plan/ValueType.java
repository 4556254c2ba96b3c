package dev.tenantwave.rollout.plan;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one field of a plan document may hold, and how to take it from what SnakeYAML made of the text. Nothing is
 * converted: a quoted "10" is not a number and 2.4 is not a string. The description is what violations quote.
 */
final class ValueType<T> {

  static final ValueType<String> TEXT =
      new ValueType<>("a string", raw -> raw instanceof String s ? s : null, x -> true, true);
  static final ValueType<Integer> INT =
      new ValueType<>("a whole number", raw -> raw instanceof Integer i ? i : null, x -> true, false);
  static final ValueType<Long> LONG = new ValueType<>("a whole number",
      raw -> raw instanceof Integer || raw instanceof Long ? ((Number) raw).longValue() : null, x -> true, false);
  static final ValueType<Double> NUMBER = new ValueType<>("a number",
      raw -> raw instanceof Integer || raw instanceof Long || raw instanceof Double
          ? ((Number) raw).doubleValue() : null, x -> true, false);
  static final ValueType<Boolean> BOOLEAN =
      new ValueType<>("true or false", raw -> raw instanceof Boolean b ? b : null, x -> true, false);

  private final String description;
  private final Function<Object, T> convert;
  private final Predicate<T> valid;
  private final boolean text;

  private ValueType(String description, Function<Object, T> convert, Predicate<T> valid, boolean text) {
    this.description = description;
    this.convert = convert;
    this.valid = valid;
    this.text = text;
  }

  static <E extends Enum<E>> ValueType<E> oneOf(Class<E> type) {
    List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    return new ValueType<>("one of " + names,
        raw -> raw instanceof String s && names.contains(s) ? Enum.valueOf(type, s) : null, x -> true, false);
  }

  /** The same type, narrowed to the values that pass {@code check}, described as {@code description}. */
  ValueType<T> where(Predicate<T> check, String description) {
    return new ValueType<>(description, convert, valid.and(check), text);
  }

  String description() {
    return description;
  }

  /** The value, or null after adding a violation for {@code field} when the value is not of this type. */
  T read(String field, Object raw, List<PlanViolation> violations) {
    T value = convert.apply(raw);
    if (value != null && valid.test(value)) {
      return value;
    }
    violations.add(new PlanViolation(field, "must be " + description + ", was " + shown(raw)
        + (text && value == null && isScalar(raw) ? "; put it in quotes to make it text" : "")));
    return null;
  }

  static String shown(Object raw) {
    if (raw instanceof String s) {
      return "'" + (s.length() > 70 ? s.substring(0, 70) + "..." : s) + "'";
    }
    if (raw instanceof Number || raw instanceof Boolean) {
      return raw + " (" + (raw instanceof Boolean ? "a boolean" : "a number") + ")";
    }
    if (raw instanceof Map) {
      return "a mapping";
    }
    if (raw instanceof List) {
      return ((List<?>) raw).isEmpty() ? "an empty list" : "a list";
    }
    return raw instanceof Date ? "a date" : String.valueOf(raw);
  }

  private static boolean isScalar(Object raw) {
    return raw != null && !(raw instanceof Map) && !(raw instanceof List);
  }
}
