package io.sluice.policies.rego.builtins;

import io.sluice.policies.rego.value.Value;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Comparison, arithmetic, set operators and membership ({@code in}). */
final class Operators {
  private Operators() {}

  static void register(Builtins.Registry r) {
    r.add("equal", 2, (a, c) -> Optional.of(Value.bool(a.get(0).equals(a.get(1)))));
    r.add("neq", 2, (a, c) -> Optional.of(Value.bool(!a.get(0).equals(a.get(1)))));
    r.add("lt", 2, (a, c) -> Optional.of(Value.bool(a.get(0).compareTo(a.get(1)) < 0)));
    r.add("lte", 2, (a, c) -> Optional.of(Value.bool(a.get(0).compareTo(a.get(1)) <= 0)));
    r.add("gt", 2, (a, c) -> Optional.of(Value.bool(a.get(0).compareTo(a.get(1)) > 0)));
    r.add("gte", 2, (a, c) -> Optional.of(Value.bool(a.get(0).compareTo(a.get(1)) >= 0)));
    r.add("plus", 2, (a, c) -> {
      Args x = new Args("plus", a);
      return num(x.num(0).add(x.num(1)));
    });
    r.add("mul", 2, (a, c) -> {
      Args x = new Args("mul", a);
      return num(x.num(0).multiply(x.num(1)));
    });
    r.add("minus", 2, Operators::minus);
    r.add("div", 2, (a, c) -> {
      Args x = new Args("div", a);
      BigDecimal d = x.num(1);
      BigDecimal n = x.num(0);
      if (d.signum() == 0) {
        throw x.err("divide by zero");
      }
      return num(divide(n, d));
    });
    r.add("rem", 2, (a, c) -> {
      Args x = new Args("rem", a);
      BigDecimal n = x.num(0);
      BigDecimal d = x.num(1);
      if (!isInt(n) || !isInt(d)) {
        throw x.err("modulo on floating-point number");
      }
      if (d.signum() == 0) {
        throw x.err("modulo by zero");
      }
      return num(new BigDecimal(n.toBigInteger().remainder(d.toBigInteger())));
    });
    r.add("abs", 1, (a, c) -> num(new Args("abs", a).num(0).abs()));
    r.add("round", 1, (a, c) -> num(new Args("round", a).num(0).setScale(0, RoundingMode.HALF_UP)));
    r.add("ceil", 1, (a, c) -> num(new Args("ceil", a).num(0).setScale(0, RoundingMode.CEILING)));
    r.add("floor", 1, (a, c) -> num(new Args("floor", a).num(0).setScale(0, RoundingMode.FLOOR)));
    r.add("numbers.range", 2, (a, c) -> {
      Args x = new Args("numbers.range", a);
      long from = x.longInt(0);
      long to = x.longInt(1);
      List<Value> out = new java.util.ArrayList<>();
      long step = from <= to ? 1 : -1;
      for (long i = from; step > 0 ? i <= to : i >= to; i += step) {
        out.add(Value.num(i));
      }
      return Optional.of(new Value.Arr(out));
    });
    r.add("numbers.range_step", 3, (a, c) -> {
      Args x = new Args("numbers.range_step", a);
      long from = x.longInt(0);
      long to = x.longInt(1);
      long step = x.longInt(2);
      if (step <= 0) {
        throw x.err("step must be a positive integer");
      }
      List<Value> out = new java.util.ArrayList<>();
      if (from <= to) {
        for (long i = from; i <= to; i += step) {
          out.add(Value.num(i));
        }
      } else {
        for (long i = from; i >= to; i -= step) {
          out.add(Value.num(i));
        }
      }
      return Optional.of(new Value.Arr(out));
    });
    r.add("and", 2, (a, c) -> {
      Args x = new Args("and", a);
      TreeSet<Value> s = new TreeSet<>(x.set(0).items());
      s.retainAll(x.set(1).items());
      return Optional.of(new Value.SetV(s));
    });
    r.add("or", 2, (a, c) -> {
      Args x = new Args("or", a);
      TreeSet<Value> s = new TreeSet<>(x.set(0).items());
      s.addAll(x.set(1).items());
      return Optional.of(new Value.SetV(s));
    });
    r.add("internal.member_2", 2, (a, c) -> Optional.of(Value.bool(switch (a.get(1)) {
      case Value.Arr arr -> arr.items().contains(a.get(0));
      case Value.SetV s -> s.items().contains(a.get(0));
      case Value.Obj o -> o.entries().containsValue(a.get(0));
      default -> false;
    })));
    r.add("internal.member_3", 3, (a, c) -> {
      Value key = a.get(0);
      Value coll = a.get(2);
      Value found = switch (coll) {
        case Value.Arr arr -> key instanceof Value.Num n && n.asInt().isPresent()
            && n.asInt().getAsInt() >= 0 && n.asInt().getAsInt() < arr.items().size()
            ? arr.items().get(n.asInt().getAsInt()) : null;
        case Value.Obj o -> o.getOrNull(key);
        case Value.SetV s -> s.items().contains(key) ? key : null;
        default -> null;
      };
      return Optional.of(Value.bool(found != null && found.equals(a.get(1))));
    });
  }

  static boolean isInt(BigDecimal d) {
    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
  }

  static BigDecimal divide(BigDecimal n, BigDecimal d) {
    try {
      return n.divide(d);
    } catch (ArithmeticException e) {
      return n.divide(d, MathContext.DECIMAL64);
    }
  }

  static Optional<Value> num(BigDecimal d) {
    return Optional.of(new Value.Num(d));
  }

  private static Optional<Value> minus(List<Value> a, BuiltinContext c) {
    Args x = new Args("minus", a);
    if (a.get(0) instanceof Value.Num n) {
      if (a.get(1) instanceof Value.Num m) {
        return num(n.value().subtract(m.value()));
      }
      throw x.typeErr(1, "number");
    }
    if (a.get(0) instanceof Value.SetV s) {
      if (a.get(1) instanceof Value.SetV t) {
        TreeSet<Value> out = new TreeSet<>(s.items());
        out.removeAll(t.items());
        return Optional.of(new Value.SetV(out));
      }
      throw x.typeErr(1, "set");
    }
    throw x.typeErr(0, "one of {number, set}");
  }
}
