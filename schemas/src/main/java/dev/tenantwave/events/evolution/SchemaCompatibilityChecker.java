package dev.tenantwave.events.evolution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Tells whether a new version of a schema may replace an old one on a live topic: it must be BACKWARD compatible
 * (consumers on the new schema read records written with the old one) and FORWARD compatible (consumers still on
 * the old schema read records written with the new one), so producers and consumers upgrade in any order.
 * Every problem names the schema, the field and why, in Avro's own terms.
 */
public final class SchemaCompatibilityChecker {

  /** Who reads what when a check fails. */
  public enum Direction {
    /** The new schema cannot read data written with the old one. */
    BACKWARD("new reader, old data"),
    /** The old schema cannot read data written with the new one. */
    FORWARD("old reader, new data");

    private final String meaning;

    Direction(String meaning) {
      this.meaning = meaning;
    }

    public String meaning() {
      return meaning;
    }
  }

  /** One reason why a change is refused. {@code field} is a dotted path such as {@code TenantRequestMetrics.latency.counts}. */
  public record Incompatibility(
      String schema, Direction direction, String field, SchemaIncompatibilityType type, String detail, String location) {

    @Override
    public String toString() {
      return schema + " is not " + direction + " compatible (" + direction.meaning() + "): " + field + ": "
          + describe(type) + " (" + detail + ", at " + location + ")";
    }

    private static String describe(SchemaIncompatibilityType type) {
      return switch (type) {
        case READER_FIELD_MISSING_DEFAULT_VALUE -> "field is missing in the data and has no default";
        case MISSING_ENUM_SYMBOLS -> "enum symbols unknown to the reader and the reader's enum has no default";
        case TYPE_MISMATCH -> "type changed in a way the reader cannot resolve";
        case MISSING_UNION_BRANCH -> "union branch unknown to the reader";
        case NAME_MISMATCH -> "named type renamed without an alias";
        case FIXED_SIZE_MISMATCH -> "fixed size changed";
      };
    }
  }

  private SchemaCompatibilityChecker() {}

  /** The reasons why {@code current} may not replace {@code previous}; empty when the change is allowed. */
  public static List<Incompatibility> check(Schema previous, Schema current) {
    List<Incompatibility> problems = new ArrayList<>();
    collect(previous.getFullName(), Direction.BACKWARD, current, previous, problems);
    collect(previous.getFullName(), Direction.FORWARD, previous, current, problems);
    return problems;
  }

  /**
   * Checks every schema of a release against the current schemas (by full name). A schema of the release that
   * no longer exists is a problem too: its topic still holds records.
   */
  public static List<String> checkRelease(Map<String, Schema> released, Map<String, Schema> current) {
    List<String> problems = new ArrayList<>();
    for (String name : new TreeSet<>(released.keySet())) {
      Schema now = current.get(name);
      if (now == null) {
        problems.add(name + " was released but no longer exists");
      } else {
        check(released.get(name), now).forEach(problem -> problems.add(problem.toString()));
      }
    }
    return problems;
  }

  private static void collect(String name, Direction direction, Schema reader, Schema writer, List<Incompatibility> out) {
    for (SchemaCompatibility.Incompatibility found :
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities()) {
      out.add(new Incompatibility(name, direction, fieldPath(reader, found.getLocation()), found.getType(),
          found.getMessage(), found.getLocation()));
    }
  }

  /** Turns Avro's JSON pointer into the reader schema ("/fields/3/type/items") into field names. */
  static String fieldPath(Schema reader, String location) {
    StringBuilder path = new StringBuilder(reader.getName());
    Schema schema = reader;
    String[] steps = location.split("/");
    for (int i = 0; i < steps.length && schema != null; i++) {
      String step = steps[i];
      if (step.equals("fields") && schema.getType() == Schema.Type.RECORD && i + 1 < steps.length) {
        Schema.Field field = schema.getFields().get(Integer.parseInt(steps[++i]));
        path.append('.').append(field.name());
        schema = field.schema();
      } else if (step.equals("items") && schema.getType() == Schema.Type.ARRAY) {
        path.append("[]");
        schema = schema.getElementType();
      } else if (step.equals("values") && schema.getType() == Schema.Type.MAP) {
        path.append("{}");
        schema = schema.getValueType();
      } else if (schema.getType() == Schema.Type.UNION && step.chars().allMatch(Character::isDigit) && !step.isEmpty()) {
        schema = schema.getTypes().get(Integer.parseInt(step));
      }
    }
    return path.toString();
  }
}
