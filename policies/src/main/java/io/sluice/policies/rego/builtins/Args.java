package io.sluice.policies.rego.builtins;

import io.sluice.policies.rego.value.Value;
import java.math.BigDecimal;
import java.util.List;

/** Operand checks producing OPA's messages ("operand 1 must be string but got number"). */
public final class Args {
  private final String fn;
  private final List<Value> args;

  public Args(String fn, List<Value> args) {
    this.fn = fn;
    this.args = args;
  }

  public Value get(int i) {
    return args.get(i);
  }

  public int size() {
    return args.size();
  }

  public BuiltinException typeErr(int i, String want) {
    return BuiltinException.type(fn + ": operand " + (i + 1) + " must be " + want + " but got " + args.get(i).typeName());
  }

  public BuiltinException err(String msg) {
    return BuiltinException.error(fn + ": " + msg);
  }

  public String str(int i) {
    if (args.get(i) instanceof Value.Str s) {
      return s.value();
    }
    throw typeErr(i, "string");
  }

  public BigDecimal num(int i) {
    if (args.get(i) instanceof Value.Num n) {
      return n.value();
    }
    throw typeErr(i, "number");
  }

  public int integer(int i) {
    if (args.get(i) instanceof Value.Num n) {
      if (!n.isInteger()) {
        throw BuiltinException.type(fn + ": operand " + (i + 1) + " must be integer number but got floating-point number");
      }
      return n.value().intValue();
    }
    throw typeErr(i, "number");
  }

  public long longInt(int i) {
    if (args.get(i) instanceof Value.Num n) {
      if (!n.isInteger()) {
        throw BuiltinException.type(fn + ": operand " + (i + 1) + " must be integer number but got floating-point number");
      }
      return n.value().longValue();
    }
    throw typeErr(i, "number");
  }

  public boolean bool(int i) {
    if (args.get(i) instanceof Value.Bool b) {
      return b.value();
    }
    throw typeErr(i, "boolean");
  }

  public Value.Arr arr(int i) {
    if (args.get(i) instanceof Value.Arr a) {
      return a;
    }
    throw typeErr(i, "array");
  }

  public Value.Obj obj(int i) {
    if (args.get(i) instanceof Value.Obj o) {
      return o;
    }
    throw typeErr(i, "object");
  }

  public Value.SetV set(int i) {
    if (args.get(i) instanceof Value.SetV s) {
      return s;
    }
    throw typeErr(i, "set");
  }

  /** Elements of an array or set. */
  public List<Value> collection(int i) {
    return switch (args.get(i)) {
      case Value.Arr a -> a.items();
      case Value.SetV s -> List.copyOf(s.items());
      default -> throw typeErr(i, "one of {array, set}");
    };
  }
}
