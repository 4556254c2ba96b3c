package dev.tenantwave.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.events.Topic.CleanupPolicy;
import dev.tenantwave.events.evolution.SchemaFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The rules every event schema follows (DESIGN.md, STYLE.md 6), checked on the .avsc files themselves. */
class SchemaConventionsTest {

  private static final Path AVRO = Path.of("src/main/avro");
  private static final String NAMESPACE = "dev.tenantwave.events";

  private final Map<String, Schema> events = SchemaFiles.read(AVRO);

  @Test
  void shouldKeepOneRecordPerFileNamedAfterIt() {
    for (Path file : SchemaFiles.avscIn(AVRO)) {
      String name = file.getFileName().toString().replace(".avsc", "");
      assertThat(events).as("record of %s", file).containsKey(NAMESPACE + "." + name);
    }
    assertThat(events.values()).allSatisfy(schema -> assertThat(schema.getType()).isEqualTo(Schema.Type.RECORD));
  }

  @Test
  void shouldDocumentEveryTypeAndFieldInTheEventsNamespace() {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    events.values().forEach(schema -> inspect(schema, schema.getName(), problems, seen));
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldGiveEveryTopicAnEventOfItsOwn() {
    Set<String> valueTypes = new HashSet<>();
    for (Topic<?> topic : Topics.all()) {
      assertThat(valueTypes.add(topic.valueType().getName())).as("value type of %s", topic.name()).isTrue();
    }
    assertThat(events.keySet()).as("every event has a topic").containsExactlyInAnyOrderElementsOf(valueTypes);
  }

  @Test
  void shouldCarryAnEventIdAndTheKeyOnEveryEvent() {
    for (Topic<?> topic : Topics.all()) {
      Schema schema = events.get(topic.valueType().getName());
      Schema.Field eventId = schema.getField("eventId");
      assertThat(eventId).as("%s.eventId", schema.getName()).isNotNull();
      assertThat(eventId.schema().getLogicalType()).as("%s.eventId", schema.getName()).isEqualTo(LogicalTypes.uuid());
      Schema.Field key = schema.getField(topic.keyDescription());
      assertThat(key).as("%s carries its key %s", schema.getName(), topic.keyDescription()).isNotNull();
      assertThat(key.schema().getType()).isEqualTo(Schema.Type.STRING);
    }
  }

  /** Snapshots on compacted topics carry the entity's version (higher wins); event streams the producer's sequence. */
  @Test
  void shouldCarryAVersionOnSnapshotsAndASequenceOnStreams() {
    for (Topic<?> topic : Topics.all()) {
      Schema schema = events.get(topic.valueType().getName());
      String counter = topic.cleanupPolicy() == CleanupPolicy.COMPACT ? "version" : "sequence";
      Schema.Field field = schema.getField(counter);
      assertThat(field).as("%s on %s needs a %s", schema.getName(), topic.name(), counter).isNotNull();
      assertThat(field.schema().getType()).as("%s.%s", schema.getName(), counter).isEqualTo(Schema.Type.LONG);
    }
  }

  private static void inspect(Schema schema, String path, List<String> problems, Set<String> seen) {
    switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> {
        if (!seen.add(schema.getFullName())) {
          return;
        }
        if (!NAMESPACE.equals(schema.getNamespace())) {
          problems.add(path + ": type " + schema.getFullName() + " is not in namespace " + NAMESPACE);
        }
        if (isBlank(schema.getDoc())) {
          problems.add(path + ": type " + schema.getName() + " has no doc");
        }
        if (schema.getType() == Schema.Type.ENUM && schema.getEnumDefault() == null) {
          problems.add(path + ": enum " + schema.getName() + " has no default symbol, so it cannot gain symbols");
        }
        if (schema.getType() == Schema.Type.RECORD) {
          for (Schema.Field field : schema.getFields()) {
            if (isBlank(field.doc())) {
              problems.add(path + "." + field.name() + ": field has no doc");
            }
            inspect(field.schema(), path + "." + field.name(), problems, seen);
          }
        }
      }
      case ARRAY -> inspect(schema.getElementType(), path + "[]", problems, seen);
      case MAP -> inspect(schema.getValueType(), path + "{}", problems, seen);
      case UNION -> schema.getTypes().forEach(branch -> inspect(branch, path, problems, seen));
      default -> { }
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
