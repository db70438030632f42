package io.sluice.policies.rego.eval;

import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.builtins.Builtin;
import io.sluice.policies.rego.compiler.RuleNode;
import io.sluice.policies.rego.value.ObjBuilder;
import io.sluice.policies.rego.value.Value;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Fast path for terms that have at most one value (most of them: anything without an unbound
 * variable in a ref path). Evaluates directly, without continuations; returns the value, null
 * for undefined, or {@link #MULTI} when the term may enumerate and needs the general path.
 */
final class SingleEval {
  /** Marker: the term needs the enumerating evaluator. Compared by identity. */
  static final Value MULTI = new Value.Str("\u0000multi");

  private final Evaluator ev;

  SingleEval(Evaluator ev) {
    this.ev = ev;
  }

  Value eval(Term t, Env env) {
    // a comprehension has exactly one value; computed here only as a whole term, since a
    // nested one could be computed again when a sibling turns out to enumerate (and print twice)
    return switch (t) {
      case Term.ArrayCompr c -> ev.comprehensions.array(c, env);
      case Term.SetCompr c -> ev.comprehensions.set(c, env);
      case Term.ObjectCompr c -> ev.comprehensions.object(c, env);
      default -> nested(t, env);
    };
  }

  private Value nested(Term t, Env env) {
    // the four commonest kinds first, by plain type tests: a pattern switch over all ten
    // kinds was the single most expensive line of an evaluation
    if (t instanceof Term.Scalar s) {
      return s.value();
    }
    if (t instanceof Term.Var v) {
      return env.raw(v.name());
    }
    if (t instanceof Term.Ref r) {
      return ref(r, env);
    }
    if (t instanceof Term.Call c) {
      return call(c, env);
    }
    return switch (t) {
      case Term.Scalar s -> s.value();
      case Term.Var v -> env.raw(v.name());
      case Term.Ref r -> ref(r, env);
      case Term.ArrayTerm a -> {
        Value[] out = new Value[a.items().size()];
        for (int i = 0; i < out.length; i++) {
          Value v = nested(a.items().get(i), env);
          if (v == null || v == MULTI) {
            yield v;
          }
          out[i] = v;
        }
        yield new Value.Arr(List.of(out));
      }
      case Term.SetTerm s -> {
        TreeSet<Value> out = new TreeSet<>();
        for (Term x : s.items()) {
          Value v = nested(x, env);
          if (v == null || v == MULTI) {
            yield v;
          }
          out.add(v);
        }
        yield new Value.SetV(out);
      }
      case Term.ObjectTerm o -> {
        ObjBuilder out = new ObjBuilder(o.entries().size());
        for (Term.Entry e : o.entries()) {
          Value k = nested(e.key(), env);
          if (k == null || k == MULTI) {
            yield k;
          }
          Value v = nested(e.value(), env);
          if (v == null || v == MULTI) {
            yield v;
          }
          out.put(k, v);
        }
        yield out.build();
      }
      case Term.Call c -> call(c, env);
      case Term.ArrayCompr c -> MULTI;
      case Term.SetCompr c -> MULTI;
      case Term.ObjectCompr c -> MULTI;
    };
  }

  private Value call(Term.Call c, Env env) {
    String name = c.name();
    if (!ev.mocks.isEmpty() && ev.mocks.containsKey(name)) {
      return MULTI;
    }
    int n = c.args().size();
    // one look-up per call: a built-in, else a user function's node (print and walk, in
    // neither, take the general path)
    Builtin b = c.builtin().orElse(null);
    RuleNode fn = null;
    if (b == null) {
      fn = ev.docs.function(name);
      if (fn == null || n > fn.functionArity()) {
        return MULTI;
      }
    } else if (n > b.arity()) {
      return MULTI;
    }
    Value[] args = new Value[n];
    for (int i = 0; i < n; i++) {
      Value v = nested(c.args().get(i), env);
      if (v == null || v == MULTI) {
        return v;
      }
      args[i] = v;
    }
    // args is fresh here, so the memo key may keep it without a copy
    return b != null ? ev.calls.applyBuiltin(b, args, c.pos()) : ev.calls.memoised(fn, args, c.pos());
  }

  private Value key(Term p, Env env) {
    if (p instanceof Term.Scalar s) {
      return s.value();
    }
    return switch (p) {
      case Term.Scalar s -> s.value();
      case Term.Var v -> {
        Value x = env.raw(v.name());
        yield x == null ? MULTI : x;
      }
      case Term.ArrayTerm a -> ev.ground(a, env) ? nested(a, env) : MULTI;
      case Term.ObjectTerm o -> ev.ground(o, env) ? nested(o, env) : MULTI;
      default -> nested(p, env);
    };
  }

  private Value ref(Term.Ref r, Env env) {
    Value cur;
    List<Term> path = r.path();
    if (r.head() instanceof Term.Var v) {
      // variable names are interned (Term.Var), so identity tells the two roots apart
      String name = v.name();
      if (name == "data") {
        return data(path, env);
      }
      cur = name == "input" ? ev.input.orElse(null) : env.raw(name);
    } else {
      cur = nested(r.head(), env);
      if (cur == MULTI) {
        return MULTI;
      }
    }
    return walk(cur, path, 0, env);
  }

  private Value walk(Value cur, List<Term> path, int from, Env env) {
    for (int i = from; i < path.size(); i++) {
      Value k = key(path.get(i), env);
      if (k == MULTI) {
        return MULTI;
      }
      if (cur == null || k == null) {
        return null;
      }
      cur = Evaluator.lookup(cur, k);
    }
    return cur;
  }

  private Value data(List<Term> path, Env env) {
    Documents docs = ev.docs;
    RuleNode node = ev.root;
    int i = 0;
    while (true) {
      if (!ev.overrides.isEmpty()) {
        Optional<Value> o = docs.overrideAt(node.path());
        if (o.isPresent()) {
          return walk(o.get(), path, i, env);
        }
      }
      if (node.isRuleLeaf() || node.isFunction() || i == path.size()) {
        return walk(docs.value(node).orElse(null), path, i, env);
      }
      Value k = key(path.get(i), env);
      if (k == MULTI || k == null) {
        return k;
      }
      if (k instanceof Value.Str s) {
        Optional<RuleNode> child = node.child(s.value());
        if (child.isPresent()) {
          node = child.get();
          i++;
          continue;
        }
        if (node.dynamic().isEmpty()) {
          Value b = docs.baseAt(node.path());
          return walk(b == null ? null : Evaluator.lookup(b, k), path, i + 1, env);
        }
      }
      return walk(docs.value(node).orElse(null), path, i, env);
    }
  }
}
