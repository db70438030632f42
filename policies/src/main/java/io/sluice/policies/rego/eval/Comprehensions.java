package io.sluice.policies.rego.eval;

import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Array, set and object comprehensions. Each has exactly one value, so both the enumerating
 * evaluator and the single-value path ({@link SingleEval}) compute them here.
 */
final class Comprehensions {
  private final Evaluator ev;
  private final SingleEval fast;

  Comprehensions(Evaluator ev, SingleEval fast) {
    this.ev = ev;
    this.fast = fast;
  }

  Value array(Term.ArrayCompr c, Env env) {
    List<Value> out = new ArrayList<>();
    ev.body(c.body(), 0, env, () -> {
      Value v = fast.eval(c.head(), env);
      if (v != SingleEval.MULTI) {
        if (v != null) {
          out.add(v);
        }
        return false;
      }
      return ev.evalTerm(c.head(), env, x -> {
        out.add(x);
        return false;
      });
    });
    return new Value.Arr(out);
  }

  Value set(Term.SetCompr c, Env env) {
    TreeSet<Value> out = new TreeSet<>();
    ev.body(c.body(), 0, env, () -> ev.evalTerm(c.head(), env, v -> {
      out.add(v);
      return false;
    }));
    return new Value.SetV(out);
  }

  Value object(Term.ObjectCompr c, Env env) {
    TreeMap<Value, Value> out = new TreeMap<>();
    ev.body(c.body(), 0, env, () -> ev.evalTerm(c.key(), env, key -> ev.evalTerm(c.value(), env, val -> {
      Value prev = out.put(key, val);
      if (prev != null && !prev.equals(val)) {
        throw Evaluator.conflict("object keys must be unique", c.pos());
      }
      return false;
    })));
    return new Value.Obj(out);
  }
}
