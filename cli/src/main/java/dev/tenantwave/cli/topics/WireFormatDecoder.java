package dev.tenantwave.cli.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary) the way any Confluent-compatible
 * consumer does: the id is looked up at the registry's {@code /apis/ccompat/v7/schemas/ids/{id}}.
 */
final class WireFormatDecoder {

  record Decoded(int schemaId, Object value) {}

  private final String registryUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Integer, Schema> schemas = new HashMap<>();

  WireFormatDecoder(String registryUrl) {
    this.registryUrl = registryUrl;
  }

  Decoded decode(byte[] bytes) throws IOException, InterruptedException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    if (bytes.length < 5 || buffer.get() != 0) {
      throw new IOException("not the Confluent wire format (magic byte 0 and a 4-byte schema id expected)");
    }
    int id = buffer.getInt();
    Schema schema = schema(id);
    var decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
    return new Decoded(id, new GenericDatumReader<>(schema).read(null, decoder));
  }

  private Schema schema(int id) throws IOException, InterruptedException {
    Schema cached = schemas.get(id);
    if (cached != null) {
      return cached;
    }
    URI uri = URI.create(registryUrl + "/apis/ccompat/v7/schemas/ids/" + id);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("schema id " + id + " not found at " + uri + " (HTTP " + response.statusCode() + ")");
    }
    JsonNode body = json.readTree(response.body());
    Schema schema = new Schema.Parser().parse(body.get("schema").asText());
    schemas.put(id, schema);
    return schema;
  }
}
