package dev.tenantwave.catalog.web;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON scalars as they were sent. micronaut-serde 2.x (Micronaut 4) coerces on its own: {@code "database": 5} became
 * {@code "5"}, {@code ["x"]} became {@code "x"}, {@code "yes"} became {@code false} and {@code 5.7} became {@code 5};
 * the setting to turn that off arrived only in micronaut-serde 3.2. These deserializers replace the built-in ones
 * for the catalog's request bodies, so a wrong type is the client's 400. A string must also be valid Unicode: a lone
 * UTF-16 surrogate ({@code "\\ud800"}) has no UTF-8 form and PostgreSQL would store it as {@code ?}.
 */
public final class StrictJsonScalars {

  private StrictJsonScalars() {}

  @Singleton
  public static final class Strings implements Deserializer<String> {
    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type)
        throws IOException {
      return string(decoder, field(type));
    }
  }

  /** micronaut-serde reads {@code List<String>} with a deserializer of its own, which coerces its elements too. */
  @Singleton
  public static final class StringLists implements Deserializer<List<String>> {
    @Override
    public List<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<String>> type)
        throws IOException {
      JsonNode node = decoder.decodeNode();
      if (!node.isArray()) {
        throw decoder.createDeserializationException(field(type) + ": expected an array of strings, not "
            + shape(node), null);
      }
      List<String> values = new ArrayList<>(node.size());
      int index = 0;
      for (JsonNode element : node.values()) {
        values.add(string(decoder, element, field(type) + "[" + index++ + "]"));
      }
      return values;
    }
  }

  @Singleton
  public static final class Booleans implements Deserializer<Boolean> {
    @Override
    public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
        throws IOException {
      JsonNode node = decoder.decodeNode();
      if (!node.isBoolean()) {
        throw decoder.createDeserializationException(field(type) + ": expected true or false, not "
            + shape(node), null);
      }
      return node.getBooleanValue();
    }
  }

  @Singleton
  public static final class Longs implements Deserializer<Long> {
    @Override
    public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type)
        throws IOException {
      return integral(decoder, field(type), Long.MIN_VALUE, Long.MAX_VALUE).longValue();
    }
  }

  @Singleton
  public static final class Integers implements Deserializer<Integer> {
    @Override
    public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type)
        throws IOException {
      return integral(decoder, field(type), Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
    }
  }

  private static String string(Decoder decoder, String field) throws IOException {
    return string(decoder, decoder.decodeNode(), field);
  }

  private static String string(Decoder decoder, JsonNode node, String field) throws IOException {
    if (!node.isString()) {
      throw decoder.createDeserializationException(field + ": expected a JSON string, not " + shape(node), null);
    }
    String value = node.getStringValue();
    int bad = loneSurrogateAt(value);
    if (bad >= 0) {
      throw decoder.createDeserializationException(field + ": the string has a lone UTF-16 surrogate \\u"
          + Integer.toHexString(value.charAt(bad)) + " at character " + bad + ", which is not Unicode text", null);
    }
    return value;
  }

  private static Number integral(Decoder decoder, String field, long min, long max) throws IOException {
    JsonNode node = decoder.decodeNode();
    Number value = node.isNumber() ? node.getNumberValue() : null;
    boolean whole = value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger;
    if (!whole) {
      throw decoder.createDeserializationException(field + ": expected a whole number, not " + shape(node), null);
    }
    BigInteger big = value instanceof BigInteger b ? b : BigInteger.valueOf(value.longValue());
    if (big.compareTo(BigInteger.valueOf(min)) < 0 || big.compareTo(BigInteger.valueOf(max)) > 0) {
      throw decoder.createDeserializationException(field + ": the number " + big + " is out of range [" + min + ", " + max
          + "]", null);
    }
    return big;
  }

  /** The property's name; a map value or list element has only its type variable's (V, E) and is called a value. */
  private static String field(Argument<?> type) {
    String name = type.getName();
    return name.length() == 1 && Character.isUpperCase(name.charAt(0)) ? "a value" : name;
  }

  /** The index of the first surrogate that is not half of a pair, or -1. */
  static int loneSurrogateAt(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String shape(JsonNode node) {
    if (node.isNull()) {
      return "null";
    }
    if (node.isString()) {
      return "a string";
    }
    if (node.isBoolean()) {
      return node.getBooleanValue() + " (a boolean)";
    }
    if (node.isNumber()) {
      return node.getNumberValue() + " (a number)";
    }
    return node.isArray() ? "an array" : "an object";
  }
}
