package io.sluice.policies.rego.value;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Converts the objects of one JSON document. An input document repeats a few object shapes
 * many times (every column of every table has the same fields in the same order), so each
 * shape's keys are sorted into OPA's order once and shared, key values included, by all
 * objects of that shape. One instance per conversion; not thread-safe.
 */
final class JsonObjects {
  private static final int MAX_SHAPES = 16;

  /** Field names in document order, the sorted keys, and where each field lands among them. */
  private record Shape(String[] names, Value[] keys, int[] slot, KeyIndex index) { }

  private final List<Shape> shapes = new ArrayList<>();
  private String[] names = new String[8];
  private JsonNode[] fields = new JsonNode[8];

  Value.Obj convert(JsonNode n) {
    int size = n.size();
    if (names.length < size) {
      names = new String[size];
      fields = new JsonNode[size];
    }
    int i = 0;
    Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      names[i] = e.getKey();
      fields[i] = e.getValue();
      i++;
    }
    Shape shape = shape(size);
    // nested conversion reuses the scratch arrays, so take this object's fields out first
    JsonNode[] mine = Arrays.copyOf(fields, size);
    Value[] values = new Value[size];
    for (int j = 0; j < size; j++) {
      values[shape.slot()[j]] = Json.fromJson(mine[j], this);
    }
    return new Value.Obj(shape.keys(), values, shape.index());
  }

  private Shape shape(int size) {
    for (Shape s : shapes) {
      if (s.names().length == size && Arrays.equals(s.names(), 0, size, names, 0, size)) {
        return s;
      }
    }
    Value[] keys = new Value[size];
    Value[] order = new Value[size];
    for (int j = 0; j < size; j++) {
      keys[j] = Value.str(names[j]);
      order[j] = Value.num(j);
    }
    // JSON objects have distinct names, so sorting keeps every entry
    ObjBuilder.sortDistinct(keys, order, size);
    int[] slot = new int[size];
    for (int j = 0; j < size; j++) {
      slot[((Value.Num) order[j]).value().intValue()] = j;
    }
    Shape s = new Shape(Arrays.copyOf(names, size), keys, slot, KeyIndex.of(keys));
    if (shapes.size() < MAX_SHAPES) {
      shapes.add(s);
    }
    return s;
  }
}
