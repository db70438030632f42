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
  Obj EMPTY_OBJECT = new Obj(new TreeMap<>());
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
    return new Obj(new TreeMap<>(entries));
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

  record Obj(NavigableMap<Value, Value> entries) implements Value {
    public Obj {
      entries = Collections.unmodifiableNavigableMap(entries);
    }

    @Override
    public String typeName() {
      return "object";
    }

    public java.util.Optional<Value> get(Value key) {
      return java.util.Optional.ofNullable(entries.get(key));
    }

    public java.util.Optional<Value> get(String key) {
      return get(new Str(key));
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
