package io.sluice.policies.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable Rego value. Ordering follows OPA's total order
 * (null &lt; boolean &lt; number &lt; string &lt; array &lt; object &lt; set), which is also the
 * order in which objects and sets are iterated, so results come out in OPA's order.
 */
public sealed interface Value extends Comparable<Value>
    permits Value.Null, Value.Bool, Value.Num, Value.Str, Value.Arr, Value.Obj, Value.SetV {

  Null NULL = new Null();
  Bool TRUE = new Bool(true);
  Bool FALSE = new Bool(false);
  Obj EMPTY_OBJECT = new Obj(new Value[0], new Value[0]);
  SetV EMPTY_SET = new SetV(new TreeSet<>());
  Arr EMPTY_ARRAY = new Arr(List.of());

  /** OPA's name for the type, as used by type_name and in error messages. */
  String typeName();

  @Override
  default int compareTo(Value o) {
    return ValueOrder.compare(this, o);
  }

  static Bool bool(boolean b) {
    return b ? TRUE : FALSE;
  }

  static Num num(long n) {
    return new Num(BigDecimal.valueOf(n));
  }

  static Num num(BigDecimal n) {
    return new Num(n);
  }

  static Str str(String s) {
    return new Str(s);
  }

  static Arr arr(List<Value> items) {
    return new Arr(items);
  }

  static SetV set(java.util.Collection<Value> items) {
    return new SetV(new TreeSet<>(items));
  }

  static Obj obj(Map<Value, Value> entries) {
    return new Obj(entries);
  }

  record Null() implements Value {
    @Override
    public String typeName() {
      return "null";
    }

    @Override
    public String toString() {
      return "null";
    }
  }

  record Bool(boolean value) implements Value {
    @Override
    public String typeName() {
      return "boolean";
    }

    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** A number. Equality ignores scale so that 1 and 1.0 are the same value, as in OPA. */
  record Num(BigDecimal value) implements Value {
    public Num {
      Objects.requireNonNull(value, "value is null");
    }

    @Override
    public String typeName() {
      return "number";
    }

    public boolean isInteger() {
      return value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
    }

    public BigInteger toBigInteger() {
      return value.toBigIntegerExact();
    }

    /** Integer value if it fits in an int, empty otherwise. */
    public java.util.OptionalInt asInt() {
      if (!isInteger()) {
        return java.util.OptionalInt.empty();
      }
      try {
        return java.util.OptionalInt.of(value.intValueExact());
      } catch (ArithmeticException e) {
        return java.util.OptionalInt.empty();
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Num n && value.compareTo(n.value) == 0;
    }

    @Override
    public int hashCode() {
      return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
      return NumberFormat.format(value);
    }
  }

  record Str(String value) implements Value {
    public Str {
      Objects.requireNonNull(value, "value is null");
    }

    @Override
    public String typeName() {
      return "string";
    }

    // object keys are almost always strings: hashing, equality and order go straight to the String
    @Override
    public int hashCode() {
      return value.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Str s && value.equals(s.value);
    }

    /** Object keys are almost always strings; comparing them directly keeps map lookups cheap. */
    @Override
    public int compareTo(Value o) {
      return o instanceof Str s ? value.compareTo(s.value) : ValueOrder.compare(this, o);
    }

    @Override
    public String toString() {
      return ValueFormat.quote(value);
    }
  }

  record Arr(List<Value> items) implements Value {
    public Arr {
      items = List.copyOf(items);
    }

    @Override
    public String typeName() {
      return "array";
    }

    @Override
    public String toString() {
      return ValueFormat.format(this);
    }
  }

  /**
   * An object. Entries are held in OPA's key order (the order of iteration, comparison and
   * output) in two arrays, with a hash index over the keys: field look-ups are the commonest
   * operation of an evaluation and cost one hash probe instead of a tree descent.
   */
  final class Obj implements Value {
    private final Value[] keys;
    private final Value[] values;
    private final KeyIndex index;
    // the NavigableMap form is built only for built-ins that ask for it; volatile publishes
    // the fully built map to other threads sharing this (immutable) value
    private volatile NavigableMap<Value, Value> view;
    private int hash;

    /** Copies {@code entries}; a TreeMap in natural order is taken over without sorting. */
    public Obj(Map<Value, Value> entries) {
      Objects.requireNonNull(entries, "entries is null");
      int n = entries.size();
      Value[] k = new Value[n];
      Value[] v = new Value[n];
      int i = 0;
      for (Map.Entry<Value, Value> e : entries.entrySet()) {
        k[i] = Objects.requireNonNull(e.getKey(), "key is null");
        v[i] = Objects.requireNonNull(e.getValue(), "value is null");
        i++;
      }
      boolean sorted = entries instanceof java.util.SortedMap<Value, Value> sm && sm.comparator() == null;
      if (!sorted) {
        n = ObjBuilder.sortDistinct(k, v, n);
        k = java.util.Arrays.copyOf(k, n);
        v = java.util.Arrays.copyOf(v, n);
      }
      this.keys = k;
      this.values = v;
      this.index = KeyIndex.of(k);
    }

    /** Takes over arrays whose keys are already ascending and distinct (see {@link ObjBuilder}). */
    Obj(Value[] sortedKeys, Value[] values) {
      this(sortedKeys, values, KeyIndex.of(sortedKeys));
    }

    /** As above, with the index of {@code sortedKeys}: objects of one shape share keys and index. */
    Obj(Value[] sortedKeys, Value[] values, KeyIndex index) {
      this.keys = sortedKeys;
      this.values = values;
      this.index = index;
    }

    @Override
    public String typeName() {
      return "object";
    }

    public int size() {
      return keys.length;
    }

    public boolean isEmpty() {
      return keys.length == 0;
    }

    /** The i-th key in OPA's order. */
    public Value key(int i) {
      return keys[i];
    }

    /** The value of the i-th key. */
    public Value value(int i) {
      return values[i];
    }

    /** The value under {@code key}, or null: the evaluator's look-up, without an Optional. */
    public Value getOrNull(Value key) {
      int i = index.find(keys, key);
      return i < 0 ? null : values[i];
    }

    public java.util.Optional<Value> get(Value key) {
      return java.util.Optional.ofNullable(getOrNull(key));
    }

    public java.util.Optional<Value> get(String key) {
      return get(new Str(key));
    }

    /** The entries as an unmodifiable sorted map (built on first use). */
    public NavigableMap<Value, Value> entries() {
      NavigableMap<Value, Value> m = view;
      if (m == null) {
        TreeMap<Value, Value> t = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
          t.put(keys[i], values[i]);
        }
        m = Collections.unmodifiableNavigableMap(t);
        view = m;
      }
      return m;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      if (!(o instanceof Obj other) || other.keys.length != keys.length) {
        return false;
      }
      // keys are in one total order, so equal objects have equal entries position by position
      for (int i = 0; i < keys.length; i++) {
        if (!keys[i].equals(other.keys[i]) || !values[i].equals(other.values[i])) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      // cached like String's: a racing thread at worst computes the same number again
      int h = hash;
      if (h == 0) {
        // Map.hashCode's formula, as before objects were held in arrays
        for (int i = 0; i < keys.length; i++) {
          h += keys[i].hashCode() ^ values[i].hashCode();
        }
        hash = h;
      }
      return h;
    }

    @Override
    public String toString() {
      return ValueFormat.format(this);
    }
  }

  record SetV(NavigableSet<Value> items) implements Value {
    public SetV {
      items = Collections.unmodifiableNavigableSet(items);
    }

    @Override
    public String typeName() {
      return "set";
    }

    @Override
    public String toString() {
      return ValueFormat.format(this);
    }
  }
}
