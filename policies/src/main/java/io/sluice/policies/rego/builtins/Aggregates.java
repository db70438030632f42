package io.sluice.policies.rego.builtins;

import io.sluice.policies.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** count, sum, product, max, min, sort and the array built-ins. */
final class Aggregates {
  private Aggregates() {}

  static void register(Builtins.Registry r) {
    r.add("count", 1, (a, c) -> {
      int n = switch (a.get(0)) {
        case Value.Str s -> s.value().codePointCount(0, s.value().length());
        case Value.Arr x -> x.items().size();
        case Value.SetV x -> x.items().size();
        case Value.Obj x -> x.size();
        default -> throw new Args("count", a).typeErr(0, "one of {array, object, set, string}");
      };
      return Optional.of(Value.num(n));
    });
    r.add("sum", 1, (a, c) -> {
      Args x = new Args("sum", a);
      BigDecimal s = BigDecimal.ZERO;
      for (Value v : x.collection(0)) {
        if (!(v instanceof Value.Num n)) {
          throw x.typeErr(0, "one of {array, set} of numbers");
        }
        s = s.add(n.value());
      }
      return Optional.of(new Value.Num(s));
    });
    r.add("product", 1, (a, c) -> {
      Args x = new Args("product", a);
      BigDecimal s = BigDecimal.ONE;
      for (Value v : x.collection(0)) {
        if (!(v instanceof Value.Num n)) {
          throw x.typeErr(0, "one of {array, set} of numbers");
        }
        s = s.multiply(n.value());
      }
      return Optional.of(new Value.Num(s));
    });
    r.add("max", 1, (a, c) -> extreme(new Args("max", a).collection(0), 1));
    r.add("min", 1, (a, c) -> extreme(new Args("min", a).collection(0), -1));
    r.add("sort", 1, (a, c) -> {
      List<Value> items = new ArrayList<>(new Args("sort", a).collection(0));
      items.sort(Value::compareTo);
      return Optional.of(new Value.Arr(items));
    });
    r.add("array.concat", 2, (a, c) -> {
      Args x = new Args("array.concat", a);
      List<Value> out = new ArrayList<>(x.arr(0).items());
      out.addAll(x.arr(1).items());
      return Optional.of(new Value.Arr(out));
    });
    r.add("array.slice", 3, (a, c) -> {
      Args x = new Args("array.slice", a);
      List<Value> items = x.arr(0).items();
      long from = Math.max(0, x.longInt(1));
      long to = Math.min(items.size(), x.longInt(2));
      if (from >= to) {
        return Optional.of(Value.EMPTY_ARRAY);
      }
      return Optional.of(new Value.Arr(items.subList((int) from, (int) to)));
    });
    r.add("array.reverse", 1, (a, c) -> {
      List<Value> items = new ArrayList<>(new Args("array.reverse", a).arr(0).items());
      java.util.Collections.reverse(items);
      return Optional.of(new Value.Arr(items));
    });
    r.add("array.flatten", 1, (a, c) -> {
      List<Value> out = new ArrayList<>();
      for (Value v : new Args("array.flatten", a).arr(0).items()) {
        if (v instanceof Value.Arr inner) {
          out.addAll(inner.items());
        } else {
          out.add(v);
        }
      }
      return Optional.of(new Value.Arr(out));
    });
    r.add("any", 1, (a, c) -> Optional.of(Value.bool(new Args("any", a).collection(0).contains(Value.TRUE))));
    r.add("all", 1, (a, c) -> Optional.of(Value.bool(
        new Args("all", a).collection(0).stream().allMatch(Value.TRUE::equals))));
  }

  /** The greatest (sign 1) or least (sign -1) item; a loop, since policies call min per column. */
  private static Optional<Value> extreme(List<Value> items, int sign) {
    Value best = null;
    for (int i = 0; i < items.size(); i++) {
      Value v = items.get(i);
      if (best == null || Integer.signum(v.compareTo(best)) == sign) {
        best = v;
      }
    }
    return Optional.ofNullable(best);
  }
}
