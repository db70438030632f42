package io.sluice.policies.rego.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ObjectValueTest {
  @Test
  void entriesIterateInOpasKeyOrderWhateverTheInsertionOrder() {
    ObjBuilder b = new ObjBuilder(4);
    b.put(Value.str("b"), Value.num(2)).put(Value.num(7), Value.TRUE)
        .put(Value.str("a"), Value.num(1)).put(Value.NULL, Value.FALSE);
    Value.Obj o = b.build();
    // null < number < string, strings by code point
    assertThat(keys(o)).containsExactly(Value.NULL, Value.num(7), Value.str("a"), Value.str("b"));
    assertThat(o.toString()).isEqualTo("{null: false, 7: true, \"a\": 1, \"b\": 2}");
  }

  @Test
  void aKeyPutTwiceKeepsItsLastValue() {
    Value.Obj o = new ObjBuilder(2).put(Value.str("k"), Value.num(1)).put(Value.str("k"), Value.num(2)).build();
    assertThat(o.size()).isEqualTo(1);
    assertThat(o.getOrNull(Value.str("k"))).isEqualTo(Value.num(2));
  }

  @Test
  void lookUpsFindEveryKeyAndNothingElseInSmallAndLargeObjects() {
    for (int size : new int[] {0, 1, 3, 8, 9, 40, 1000}) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(size));
      ObjBuilder b = new ObjBuilder(size);
      TreeMap<Value, Value> expected = new TreeMap<>();
      for (int i : order) {
        b.put(Value.str("key_" + i), Value.num(i));
        expected.put(Value.str("key_" + i), Value.num(i));
      }
      Value.Obj o = b.build();
      assertThat(o.size()).as("size %d", size).isEqualTo(size);
      assertThat(o.entries()).as("size %d", size).isEqualTo(expected);
      assertThat(o).isEqualTo(new Value.Obj(expected)).hasSameHashCodeAs(new Value.Obj(expected));
      for (int i = 0; i < size; i++) {
        assertThat(o.getOrNull(Value.str("key_" + i))).as("key_%d of %d", i, size).isEqualTo(Value.num(i));
      }
      assertThat(o.getOrNull(Value.str("key_" + size))).isNull();
      assertThat(o.getOrNull(Value.num(0))).isNull();
    }
  }

  @Test
  void numericKeysMatchRegardlessOfScale() {
    Value.Obj o = new ObjBuilder(1).put(Value.num(new BigDecimal("1.0")), Value.str("one")).build();
    assertThat(o.getOrNull(Value.num(1))).isEqualTo(Value.str("one"));
    ObjBuilder big = new ObjBuilder(20);
    for (int i = 0; i < 20; i++) {
      big.put(Value.num(new BigDecimal(i + ".00")), Value.num(i));
    }
    assertThat(big.build().getOrNull(Value.num(12))).isEqualTo(Value.num(12));
  }

  @Test
  void objectsCompareEntryByEntryThenBySize() {
    Value.Obj a = Value.obj(java.util.Map.of(Value.str("a"), Value.num(1)));
    Value.Obj ab = Value.obj(java.util.Map.of(Value.str("a"), Value.num(1), Value.str("b"), Value.num(0)));
    Value.Obj a2 = Value.obj(java.util.Map.of(Value.str("a"), Value.num(2)));
    assertThat(a.compareTo(ab)).isNegative();
    assertThat(ab.compareTo(a2)).isNegative();
    assertThat(a2.compareTo(Value.obj(java.util.Map.of(Value.str("a"), Value.num(2))))).isZero();
  }

  @Test
  void jsonObjectsOfOneShapeConvertWithTheirOwnValues() {
    Value v = Json.parse("""
        [{"name": "a", "type": "INT", "tags": ["x"]},
         {"name": "b", "type": "TEXT", "tags": []},
         {"type": "DATE", "name": "c", "tags": []},
         {"name": "d", "type": "INT"}]""");
    List<Value> items = ((Value.Arr) v).items();
    assertThat(items).extracting(Value::toString).containsExactly(
        "{\"name\": \"a\", \"tags\": [\"x\"], \"type\": \"INT\"}",
        "{\"name\": \"b\", \"tags\": [], \"type\": \"TEXT\"}",
        "{\"name\": \"c\", \"tags\": [], \"type\": \"DATE\"}",
        "{\"name\": \"d\", \"type\": \"INT\"}");
    assertThat(((Value.Obj) items.get(2)).getOrNull(Value.str("type"))).isEqualTo(Value.str("DATE"));
    assertThat(Json.toJson(v).toString()).isEqualTo(
        "[{\"name\":\"a\",\"tags\":[\"x\"],\"type\":\"INT\"},{\"name\":\"b\",\"tags\":[],\"type\":\"TEXT\"},"
            + "{\"name\":\"c\",\"tags\":[],\"type\":\"DATE\"},{\"name\":\"d\",\"type\":\"INT\"}]");
  }

  private static List<Value> keys(Value.Obj o) {
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < o.size(); i++) {
      out.add(o.key(i));
    }
    return out;
  }
}
