package io.sluice.policies.rego.eval;

import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.ast.With;
import io.sluice.policies.rego.compiler.RuleNode;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code with} modifiers: evaluates the replacement values in the outer state, installs them
 * (patched input, patched base data plus data overrides, function mocks, fresh caches) for the
 * statement only, and restores the outer state around the continuation so that the rest of
 * the body sees the original documents.
 */
final class WithScope {
  private final Evaluator ev;

  WithScope(Evaluator ev) {
    this.ev = ev;
  }


  boolean withs(Literal l, Env env, Cont k) {
    // evaluate all replacement values first, in the outer state
    List<Value> values = new ArrayList<>();
    List<Optional<Term>> fnRefs = new ArrayList<>();
    for (With w : l.withs()) {
      Optional<Term> fn = functionReplacement(w);
      fnRefs.add(fn);
      if (fn.isPresent()) {
        values.add(Value.NULL);
        continue;
      }
      Value[] got = {null};
      ev.evalTerm(w.value(), env, v -> {
        got[0] = v;
        return true;
      });
      if (got[0] == null) {
        return false;
      }
      values.add(got[0]);
    }
    Saved outer = save();
    for (int j = 0; j < l.withs().size(); j++) {
      apply(l.withs().get(j), values.get(j), fnRefs.get(j));
    }
    ev.cache = new HashMap<>();
    ev.fnCache = new HashMap<>();
    Saved inner = save();
    try {
      return ev.plainLiteral(l, env, () -> {
        restore(outer);
        try {
          return k.run();
        } finally {
          restore(inner);
        }
      });
    } finally {
      restore(outer);
    }
  }

  private record Saved(Value base, Optional<Value> input, List<Documents.Override> overrides,
      Map<String, Term> mocks, Map<RuleNode, Optional<Value>> cache, Map<FnKey, Optional<Value>> fnCache) { }

  private Saved save() {
    return new Saved(ev.base, ev.input, ev.overrides, ev.mocks, ev.cache, ev.fnCache);
  }

  private void restore(Saved s) {
    ev.base = s.base();
    ev.input = s.input();
    ev.overrides = s.overrides();
    ev.mocks = s.mocks();
    ev.cache = s.cache();
    ev.fnCache = s.fnCache();
  }

  private Optional<Term> functionReplacement(With w) {
    if (!(w.target() instanceof Term.Call)) {
      return Optional.empty();
    }
    return switch (w.value()) {
      case Term.Call c when c.args().isEmpty() -> Optional.of(c);
      case Term.Ref r when r.head() instanceof Term.Var v && v.name().equals("data")
          && ev.docs.functionNode(r).isPresent() -> Optional.of(r);
      default -> Optional.empty();
    };
  }

  private void apply(With w, Value v, Optional<Term> fn) {
    switch (w.target()) {
      case Term.Call c -> {
        Map<String, Term> m = new HashMap<>(ev.mocks);
        m.put(c.name(), fn.orElse(new Term.Scalar(v, w.pos())));
        ev.mocks = m;
      }
      case Term.Ref r -> {
        List<Value> path = new ArrayList<>();
        for (Term t : r.path()) {
          if (t instanceof Term.Scalar s) {
            path.add(s.value());
          }
        }
        String head = ((Term.Var) r.head()).name();
        if (head.equals("input")) {
          ev.input = Optional.of(Documents.patch(ev.input.orElse(Value.EMPTY_OBJECT), path, 0, v));
        } else {
          ev.base = Documents.patch(ev.base, path, 0, v);
          List<Documents.Override> o = new ArrayList<>(ev.overrides);
          o.add(new Documents.Override(path.stream().map(x -> x instanceof Value.Str s ? s.value() : x.toString()).toList(), v));
          ev.overrides = o;
        }
      }
      default -> { }
    }
  }

}
