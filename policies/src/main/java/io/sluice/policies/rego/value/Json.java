package io.sluice.policies.rego.value;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/** Conversion between Jackson trees (the API boundary) and Rego values. */
public final class Json {
  private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  static {
    MAPPER.setNodeFactory(F);
    MAPPER.enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  private Json() {}

  public static Value fromJson(JsonNode n) {
    return fromJson(n, new JsonObjects());
  }

  static Value fromJson(JsonNode n, JsonObjects objects) {
    return switch (n.getNodeType()) {
      case NULL, MISSING -> Value.NULL;
      case BOOLEAN -> Value.bool(n.booleanValue());
      case NUMBER -> new Value.Num(n.isBigDecimal() || n.isFloatingPointNumber()
          ? n.decimalValue() : n.canConvertToLong() ? BigDecimal.valueOf(n.longValue()) : new BigDecimal(n.bigIntegerValue()));
      case STRING, BINARY, POJO -> Value.str(n.asText());
      case ARRAY -> {
        Value[] items = new Value[n.size()];
        for (int i = 0; i < items.length; i++) {
          items[i] = fromJson(n.get(i), objects);
        }
        yield new Value.Arr(List.of(items));
      }
      case OBJECT -> objects.convert(n);
    };
  }

  public static JsonNode toJson(Value v) {
    return switch (v) {
      case Value.Null x -> F.nullNode();
      case Value.Bool b -> F.booleanNode(b.value());
      case Value.Num n -> number(n.value());
      case Value.Str s -> F.textNode(s.value());
      case Value.Arr a -> {
        ArrayNode arr = F.arrayNode(a.items().size());
        for (Value x : a.items()) {
          arr.add(toJson(x));
        }
        yield arr;
      }
      case Value.SetV s -> {
        ArrayNode arr = F.arrayNode(s.items().size());
        for (Value x : s.items()) {
          arr.add(toJson(x));
        }
        yield arr;
      }
      case Value.Obj o -> {
        ObjectNode obj = new ObjectNode(F, new java.util.LinkedHashMap<>(Math.max(4, o.size() * 2)));
        for (int i = 0; i < o.size(); i++) {
          String key = o.key(i) instanceof Value.Str s ? s.value() : write(o.key(i));
          obj.set(key, toJson(o.value(i)));
        }
        yield obj;
      }
    };
  }

  private static JsonNode number(BigDecimal d) {
    if (d.scale() == 0 && d.precision() < 18) {
      return F.numberNode(d.longValue());
    }
    BigDecimal s = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    if (s.scale() <= 0) {
      return F.numberNode(s.toBigIntegerExact());
    }
    return F.numberNode(s);
  }

  public static Value parse(String json) {
    try {
      return fromJson(MAPPER.readTree(json));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  public static String write(Value v) {
    try {
      return MAPPER.writeValueAsString(toJson(v));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
