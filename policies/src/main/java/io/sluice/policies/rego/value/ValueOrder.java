package io.sluice.policies.rego.value;

import java.util.Iterator;

/** OPA's total order over values (ast/compare.go): type rank first, then structural. */
public final class ValueOrder {
  private ValueOrder() {}

  static int rank(Value v) {
    return switch (v) {
      case Value.Null n -> 0;
      case Value.Bool b -> 1;
      case Value.Num n -> 2;
      case Value.Str s -> 3;
      case Value.Arr a -> 4;
      case Value.Obj o -> 5;
      case Value.SetV s -> 6;
    };
  }

  public static int compare(Value a, Value b) {
    if (a instanceof Value.Str x && b instanceof Value.Str y) {
      return x.value().compareTo(y.value());
    }
    if (a instanceof Value.Num x && b instanceof Value.Num y) {
      return x.value().compareTo(y.value());
    }
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    return switch (a) {
      case Value.Null n -> 0;
      case Value.Bool x -> Boolean.compare(x.value(), ((Value.Bool) b).value());
      case Value.Num x -> x.value().compareTo(((Value.Num) b).value());
      case Value.Str x -> x.value().compareTo(((Value.Str) b).value());
      case Value.Arr x -> compareIter(x.items().iterator(), ((Value.Arr) b).items().iterator());
      case Value.SetV x -> compareIter(x.items().iterator(), ((Value.SetV) b).items().iterator());
      case Value.Obj x -> compareObj(x, (Value.Obj) b);
    };
  }

  private static int compareIter(Iterator<Value> a, Iterator<Value> b) {
    while (a.hasNext() && b.hasNext()) {
      int c = compare(a.next(), b.next());
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(a.hasNext(), b.hasNext());
  }

  private static int compareObj(Value.Obj a, Value.Obj b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compare(a.key(i), b.key(i));
      if (c != 0) {
        return c;
      }
      c = compare(a.value(i), b.value(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
