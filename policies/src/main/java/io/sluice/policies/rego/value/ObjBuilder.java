package io.sluice.policies.rego.value;

import java.util.Arrays;

/**
 * Collects an object's entries in any order; {@link #build} sorts them into OPA's key order.
 * A key put twice keeps its last value. Not thread-safe; use one builder per object.
 */
public final class ObjBuilder {
  private Value[] keys;
  private Value[] values;
  private int size;

  public ObjBuilder(int expectedSize) {
    keys = new Value[Math.max(expectedSize, 1)];
    values = new Value[keys.length];
  }

  public ObjBuilder put(Value key, Value value) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = java.util.Objects.requireNonNull(key, "key is null");
    values[size] = java.util.Objects.requireNonNull(value, "value is null");
    size++;
    return this;
  }

  public Value.Obj build() {
    Value.Obj o = of(size == keys.length ? keys : Arrays.copyOf(keys, size),
        size == values.length ? values : Arrays.copyOf(values, size));
    // the arrays now belong to the object
    keys = new Value[1];
    values = new Value[1];
    size = 0;
    return o;
  }

  /**
   * An object of exactly these entries, in any order; takes over both arrays (a key given
   * twice keeps its last value). For callers that know the size up front, such as JSON conversion.
   */
  public static Value.Obj of(Value[] keys, Value[] values) {
    int n = sortDistinct(keys, values, keys.length);
    if (n == 0) {
      return Value.EMPTY_OBJECT;
    }
    return new Value.Obj(n == keys.length ? keys : Arrays.copyOf(keys, n),
        n == values.length ? values : Arrays.copyOf(values, n));
  }

  /**
   * Sorts the first {@code n} entries by key (stable), drops all but the last of equal keys,
   * and returns the number of entries left at the front of the arrays.
   */
  static int sortDistinct(Value[] keys, Value[] values, int n) {
    if (ascending(keys, n)) {
      return n; // strictly ascending: already distinct
    }
    if (n <= 32) {
      insertionSort(keys, values, n);
    } else {
      mergeSort(keys, values, n);
    }
    int out = 0;
    for (int i = 0; i < n; i++) {
      if (out > 0 && keys[out - 1].compareTo(keys[i]) == 0) {
        values[out - 1] = values[i];
        continue;
      }
      keys[out] = keys[i];
      values[out] = values[i];
      out++;
    }
    return out;
  }

  private static boolean ascending(Value[] keys, int n) {
    for (int i = 1; i < n; i++) {
      if (keys[i - 1].compareTo(keys[i]) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static void insertionSort(Value[] keys, Value[] values, int n) {
    for (int i = 1; i < n; i++) {
      Value k = keys[i];
      Value v = values[i];
      int j = i - 1;
      // strictly greater moves right: equal keys keep their order (stability)
      while (j >= 0 && keys[j].compareTo(k) > 0) {
        keys[j + 1] = keys[j];
        values[j + 1] = values[j];
        j--;
      }
      keys[j + 1] = k;
      values[j + 1] = v;
    }
  }

  private static void mergeSort(Value[] keys, Value[] values, int n) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b])); // TimSort: stable
    Value[] k = Arrays.copyOf(keys, n);
    Value[] v = Arrays.copyOf(values, n);
    for (int i = 0; i < n; i++) {
      keys[i] = k[order[i]];
      values[i] = v[order[i]];
    }
  }
}
