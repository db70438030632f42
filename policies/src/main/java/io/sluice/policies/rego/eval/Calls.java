package io.sluice.policies.rego.eval;

import io.sluice.policies.rego.RegoError;
import io.sluice.policies.rego.RegoEvalException;
import io.sluice.policies.rego.SourcePos;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.builtins.Builtin;
import io.sluice.policies.rego.builtins.BuiltinException;
import io.sluice.policies.rego.builtins.Builtins;
import io.sluice.policies.rego.compiler.RuleNode;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls of built-ins and user functions: mocks installed by {@code with}, output arguments
 * ({@code count(x, n)}), per-evaluation memoisation of user functions, and OPA's lenient
 * versus strict treatment of built-in errors.
 */
final class Calls {
  private final Evaluator ev;

  Calls(Evaluator ev) {
    this.ev = ev;
  }


  boolean call(Term.Call c, Env env, VCont k) {
    String name = c.name();
    if (name.equals("print") && !ev.mocks.containsKey(name)) {
      return print(c, env, k);
    }
    Term mock = ev.mocks.get(name);
    if (mock != null) {
      switch (mock) {
        case Term.Call mc -> name = mc.name();
        case Term.Ref r -> name = ev.docs.functionName(r);
        default -> {
          Value v = ((Term.Scalar) mock).value();
          int ar = arity(name, c.args().size());
          if (c.args().size() > ar) {
            return ev.terms(c.args().subList(0, ar), 0, new Value[ar], env,
                vs -> ev.unifyValue(c.args().get(ar), v, env, () -> k.accept(Value.TRUE)));
          }
          return ev.terms(c.args(), 0, new Value[c.args().size()], env, vs -> k.accept(v));
        }
      }
    }
    final String fn = name;
    final boolean isMocked = mock != null;
    int ar = arity(fn, c.args().size());
    if (c.args().size() > ar) {
      List<Term> in = c.args().subList(0, ar);
      Term out = c.args().get(ar);
      return ev.terms(in, 0, new Value[ar], env,
          vs -> invoke(fn, isMocked, vs, c.pos(), res -> ev.unifyValue(out, res, env, () -> k.accept(Value.TRUE))));
    }
    return ev.terms(c.args(), 0, new Value[c.args().size()], env, vs -> invoke(fn, isMocked, vs, c.pos(), k));
  }

  /** print never fails: undefined arguments print as {@code <undefined>}, like OPA. */
  private boolean print(Term.Call c, Env env, VCont k) {
    StringBuilder sb = new StringBuilder();
    for (Term arg : c.args()) {
      List<Value> vals = new ArrayList<>();
      ev.evalTerm(arg, env, v -> {
        vals.add(v);
        return false;
      });
      String text = vals.isEmpty() ? "<undefined>"
          : vals.stream().map(v -> v instanceof Value.Str s ? s.value() : v.toString())
              .collect(java.util.stream.Collectors.joining(", "));
      sb.append(sb.isEmpty() ? "" : " ").append(text);
    }
    ev.ctx.printer().accept(sb.toString());
    return k.accept(Value.TRUE);
  }

  private int arity(String name, int given) {
    if (name.startsWith("data.")) {
      return ev.docs.functionArity(name).orElse(given);
    }
    int a = Builtins.arity(name);
    return a < 0 ? given : a;
  }

  private boolean invoke(String name, boolean mocked, Value[] args, SourcePos pos, VCont k) {
    if (name.equals("walk")) {
      return Walk.walk(args[0], k);
    }
    if (name.equals("print")) {
      StringBuilder sb = new StringBuilder();
      for (Value a : args) {
        sb.append(sb.isEmpty() ? "" : " ").append(a instanceof Value.Str s ? s.value() : a.toString());
      }
      ev.ctx.printer().accept(sb.toString());
      return k.accept(Value.TRUE);
    }
    Value r = apply(name, mocked, args, pos);
    return r != null && k.accept(r);
  }

  /** Calls a user function or built-in; null means undefined. */
  Value apply(String name, boolean mocked, Value[] args, SourcePos pos) {
    if (name.startsWith("data.")) {
      Optional<Value> r;
      if (mocked && !ev.mocks.isEmpty()) {
        // a mock runs against the original built-ins, never against other mocks
        Map<String, Term> saved = ev.mocks;
        Map<RuleNode, Optional<Value>> savedCache = ev.cache;
        Map<FnKey, Optional<Value>> savedFns = ev.fnCache;
        ev.mocks = Map.of();
        ev.cache = new HashMap<>();
        ev.fnCache = new HashMap<>();
        try {
          r = ev.docs.callFunction(name, List.of(args), pos);
        } finally {
          ev.mocks = saved;
          ev.cache = savedCache;
          ev.fnCache = savedFns;
        }
      } else {
        RuleNode fn = ev.docs.function(name);
        if (fn == null) {
          throw undefinedFunction(name, pos);
        }
        return memoised(fn, args.clone(), pos);
      }
      return r.orElse(null);
    }
    Builtin b = Builtins.find(name);
    if (b == null) {
      throw undefinedFunction(name, pos);
    }
    return applyBuiltin(b, args, pos);
  }

  /**
   * Calls a user function once per distinct arguments within an evaluation (OPA memoises the
   * same way); {@code args} must not be reused by the caller. Null means undefined.
   */
  Value memoised(RuleNode fn, Value[] args, SourcePos pos) {
    FnKey key = new FnKey(fn, args);
    Optional<Value> r = ev.fnCache.get(key);
    if (r == null) {
      r = ev.docs.callFunction(fn, java.util.Arrays.asList(args));
      ev.fnCache.put(key, r);
    }
    return r.orElse(null);
  }

  static RegoEvalException undefinedFunction(String name, SourcePos pos) {
    return new RegoEvalException(new RegoError("eval_type_error", "undefined function " + name, pos));
  }

  /** Applies a resolved built-in; errors are undefined unless evaluation is strict. */
  Value applyBuiltin(Builtin b, Value[] args, SourcePos pos) {
    String name = b.name();
    try {
      return b.impl().apply(java.util.Arrays.asList(args), ev.ctx).orElse(null);
    } catch (BuiltinException e) {
      if (ev.strict) {
        throw new RegoEvalException(new RegoError(e.typeError() ? "eval_type_error" : "eval_builtin_error",
            e.getMessage(), pos));
      }
      return null;
    } catch (RegoEvalException e) {
      throw e;
    } catch (RuntimeException e) {
      if (ev.strict) {
        throw new RegoEvalException(new RegoError("eval_builtin_error", name + ": " + e.getMessage(), pos));
      }
      return null;
    }
  }
}
