package io.sluice.policies.rego.eval;

import io.sluice.policies.rego.RegoError;
import io.sluice.policies.rego.RegoEvalException;
import io.sluice.policies.rego.SourcePos;
import io.sluice.policies.rego.ast.Expr;
import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.builtins.BuiltinContext;
import io.sluice.policies.rego.compiler.RuleNode;
import io.sluice.policies.rego.value.ObjBuilder;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Top-down evaluation of one query against a compiled policy, in continuation-passing style:
 * each statement binds variables, calls the continuation for the rest of the body, and
 * unbinds on return, so every solution is enumerated with backtracking. An Evaluator is
 * created per query execution and is not shared between threads; the compiled rule tree it
 * reads is immutable.
 *
 * <pre>
 *   body:  lit1 -> lit2 -> ... -> k        (Cont)
 *   term:  value1, value2, ...   -> VCont  (refs with unbound vars enumerate)
 * </pre>
 */
public final class Evaluator {
  final RuleNode root;
  final boolean strict;
  final BuiltinContext ctx;
  Value base;
  Optional<Value> input;
  List<Documents.Override> overrides = List.of();
  Map<String, Term> mocks = Map.of();
  Map<RuleNode, Optional<Value>> cache = new HashMap<>();
  // sized for a decision's few hundred distinct calls, so that it seldom rehashes
  Map<FnKey, Optional<Value>> fnCache = new HashMap<>(512);
  final Documents docs;
  private final SingleEval fast;
  final Comprehensions comprehensions;
  private final WithScope withScope;
  final Calls calls;

  public Evaluator(RuleNode root, Value base, Optional<Value> input, boolean strict, BuiltinContext ctx) {
    this.root = root;
    this.base = base;
    this.input = input;
    this.strict = strict;
    this.ctx = ctx;
    this.docs = new Documents(this);
    this.fast = new SingleEval(this);
    this.comprehensions = new Comprehensions(this, fast);
    this.withScope = new WithScope(this);
    this.calls = new Calls(this);
  }

  /** Runs a query body; {@code onResult} receives bindings and per-statement values. */
  public void query(List<Literal> body, List<String> vars, boolean checkCapture, QuerySink onResult) {
    this.checkCapture = checkCapture;
    Env env = new Env();
    Value[] exprValues = new Value[body.size()];
    queryStep(body, 0, env, exprValues, () -> {
      Map<String, Value> b = new java.util.LinkedHashMap<>();
      for (String v : vars) {
        env.get(v).ifPresent(x -> b.put(v, x));
      }
      onResult.accept(b, List.of(exprValues.clone()));
      return false;
    });
  }

  /** Receives one query solution. */
  @FunctionalInterface
  public interface QuerySink {
    void accept(Map<String, Value> bindings, List<Value> expressionValues);
  }

  private boolean queryStep(List<Literal> body, int i, Env env, Value[] vals, Cont k) {
    if (i == body.size()) {
      return k.run();
    }
    Literal l = body.get(i);
    if (!l.negated() && l.withs().isEmpty() && l.expr() instanceof Expr.TermExpr te) {
      // like `opa eval`, a top-level expression's value is captured, so a lone false decision
      // is a result rather than an undefined query; with several expressions or iteration
      // the captured value is also tested
      return evalTerm(te.term(), env, v -> {
        if (checkCapture && v.equals(Value.FALSE)) {
          return false;
        }
        vals[i] = v;
        return queryStep(body, i + 1, env, vals, k);
      });
    }
    return literal(l, env, () -> {
      vals[i] = Value.TRUE;
      return queryStep(body, i + 1, env, vals, k);
    });
  }

  // ------------------------------------------------------------------ bodies

  /** Aborts the evaluation once the deadline has passed; checked every 1024 statements. */
  public void deadline(long nanoTime) {
    this.deadline = nanoTime;
  }

  private long deadline = Long.MAX_VALUE;
  private boolean checkCapture;
  private int steps;

  boolean body(List<Literal> body, int i, Env env, Cont k) {
    if ((++steps & 1023) == 0 && System.nanoTime() > deadline) {
      throw new RegoEvalException(new RegoError("eval_cancel_error", "timed out", body.isEmpty()
          ? io.sluice.policies.rego.SourcePos.NONE : body.get(0).pos()));
    }
    // Single-valued filters and assignments (most statements) run in this loop rather than
    // through a continuation each: no closure per statement, a shallower stack. Variables bound
    // here stay bound while the rest of the body and k run, and are unbound on the way out.
    String[] boundHere = null;
    int nBound = 0;
    try {
      for (int j = i; j < body.size(); j++) {
        Literal l = body.get(j);
        if (l.withs().isEmpty()) {
          Expr e = l.expr();
          if (e instanceof Expr.TermExpr te) {
            Value v = fast.eval(te.term(), env);
            if (v != SingleEval.MULTI) {
              boolean holds = v != null && !v.equals(Value.FALSE);
              if (holds == l.negated()) {
                return false;
              }
              continue;
            }
          } else if (!l.negated() && e instanceof Expr.Assign a && a.left() instanceof Term.Var var) {
            Value v = fast.eval(a.right(), env);
            if (v != SingleEval.MULTI) {
              if (v == null) {
                return false;
              }
              Value cur = env.raw(var.name());
              if (cur != null) {
                if (!cur.equals(v)) {
                  return false;
                }
                continue;
              }
              env.bind(var.name(), v);
              if (boundHere == null) {
                boundHere = new String[body.size() - j];
              }
              boundHere[nBound++] = var.name();
              continue;
            }
          }
        }
        int next = j + 1;
        return literal(l, env, next == body.size() ? k : () -> body(body, next, env, k));
      }
      return k.run();
    } finally {
      for (int b = nBound - 1; b >= 0; b--) {
        env.unbind(boundHere[b]);
      }
    }
  }

  boolean literal(Literal l, Env env, Cont k) {
    if (!l.withs().isEmpty()) {
      return withScope.withs(l, env, k);
    }
    return plainLiteral(l, env, k);
  }

  boolean plainLiteral(Literal l, Env env, Cont k) {
    if (l.negated()) {
      boolean found = expr(l.expr(), env, () -> true);
      return found ? false : k.run();
    }
    return expr(l.expr(), env, k);
  }

  private boolean expr(Expr e, Env env, Cont k) {
    // fast paths for the common single-valued shapes; they avoid allocating continuations
    // (plain type tests: cheaper than a pattern switch on this hot path)
    if (e instanceof Expr.TermExpr te) {
      Value v = fast.eval(te.term(), env);
      if (v != SingleEval.MULTI) {
        return v != null && !v.equals(Value.FALSE) && k.run();
      }
    } else if (e instanceof Expr.Assign a && a.left() instanceof Term.Var var) {
      Value v = fast.eval(a.right(), env);
      if (v != SingleEval.MULTI) {
        return v != null && bindAndRun(var.name(), v, env, k);
      }
    } else if (e instanceof Expr.SomeIn s && s.key().isEmpty() && s.value() instanceof Term.Var var
        && !env.bound(var.name())) {
      Value c = fast.eval(s.collection(), env);
      if (c != SingleEval.MULTI) {
        return c != null && iterateValues(var.name(), c, env, k);
      }
    }
    return switch (e) {
      case Expr.TermExpr te -> evalTerm(te.term(), env, v -> !v.equals(Value.FALSE) && k.run());
      case Expr.Unify u -> unify(u.left(), u.right(), env, k);
      case Expr.Assign a -> evalTerm(a.right(), env, v -> unifyValue(a.left(), v, env, k));
      case Expr.SomeDecl s -> k.run();
      case Expr.SomeIn s -> evalTerm(s.collection(), env, c -> entries(c, (key, val) ->
          s.key().isPresent()
              ? unifyValue(s.key().get(), key, env, () -> unifyValue(s.value(), val, env, k))
              : unifyValue(s.value(), val, env, k)));
      case Expr.Every ev -> every(ev, env, k);
    };
  }

  private static boolean bindAndRun(String var, Value v, Env env, Cont k) {
    Value cur = env.raw(var);
    if (cur != null) {
      return cur.equals(v) && k.run();
    }
    return runBound(var, v, env, k);
  }

  /** Runs k with the unbound {@code var} bound to {@code v}, unbinding it afterwards. */
  private static boolean runBound(String var, Value v, Env env, Cont k) {
    env.bind(var, v);
    try {
      return k.run();
    } finally {
      env.unbind(var);
    }
  }

  private static boolean iterateValues(String var, Value c, Env env, Cont k) {
    if (c instanceof Value.Arr a) {
      // indexed: arrays are the common collection, and an iterator per loop adds up
      List<Value> items = a.items();
      for (int i = 0; i < items.size(); i++) {
        if (runBound(var, items.get(i), env, k)) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof Value.Obj o) {
      for (int i = 0; i < o.size(); i++) {
        if (runBound(var, o.value(i), env, k)) {
          return true;
        }
      }
      return false;
    }
    Iterable<Value> items = c instanceof Value.SetV s ? s.items() : List.of();
    for (Value v : items) {
      if (runBound(var, v, env, k)) {
        return true;
      }
    }
    return false;
  }

  private boolean every(Expr.Every ev, Env env, Cont k) {
    boolean[] defined = {false};
    boolean[] allPass = {true};
    evalTerm(ev.domain(), env, d -> {
      defined[0] = true;
      entries(d, (key, val) -> {
        Cont check = () -> body(ev.body(), 0, env, () -> true);
        boolean ok = ev.key().isPresent()
            ? unifyValue(ev.key().get(), key, env, () -> unifyValue(ev.value(), val, env, check))
            : unifyValue(ev.value(), val, env, check);
        if (!ok) {
          allPass[0] = false;
          return true;
        }
        return false;
      });
      return !allPass[0];
    });
    if (!defined[0] || !allPass[0]) {
      return false;
    }
    return k.run();
  }

  /** Iterates (key, value) pairs of a collection: index/element, key/value, element/element. */
  boolean entries(Value c, EntryCont k) {
    switch (c) {
      case Value.Arr a -> {
        for (int i = 0; i < a.items().size(); i++) {
          if (k.accept(Value.num(i), a.items().get(i))) {
            return true;
          }
        }
      }
      case Value.Obj o -> {
        for (int i = 0; i < o.size(); i++) {
          if (k.accept(o.key(i), o.value(i))) {
            return true;
          }
        }
      }
      case Value.SetV s -> {
        for (Value x : s.items()) {
          if (k.accept(x, x)) {
            return true;
          }
        }
      }
      default -> { }
    }
    return false;
  }

  /** Receives a (key, value) pair. */
  @FunctionalInterface
  interface EntryCont {
    boolean accept(Value key, Value value);
  }

  // ------------------------------------------------------------------ terms

  boolean evalTerm(Term t, Env env, VCont k) {
    Value single = fast.eval(t, env);
    if (single != SingleEval.MULTI) {
      return single != null && k.accept(single);
    }
    return switch (t) {
      case Term.Scalar s -> k.accept(s.value());
      case Term.Var v -> {
        Value x = env.raw(v.name());
        yield x != null && k.accept(x);
      }
      case Term.Ref r -> ref(r, env, k);
      case Term.ArrayTerm a -> terms(a.items(), 0, new Value[a.items().size()], env,
          vs -> k.accept(new Value.Arr(List.of(vs))));
      case Term.SetTerm s -> terms(s.items(), 0, new Value[s.items().size()], env,
          vs -> k.accept(Value.set(List.of(vs))));
      case Term.ObjectTerm o -> objectTerm(o, env, k);
      case Term.ArrayCompr c -> k.accept(comprehensions.array(c, env));
      case Term.SetCompr c -> k.accept(comprehensions.set(c, env));
      case Term.ObjectCompr c -> k.accept(comprehensions.object(c, env));
      case Term.Call c -> calls.call(c, env, k);
    };
  }

  /** Receives the values of a list of terms. */
  @FunctionalInterface
  interface ValuesCont {
    boolean accept(Value[] values);
  }

  boolean terms(List<Term> ts, int i, Value[] acc, Env env, ValuesCont k) {
    if (i == ts.size()) {
      return k.accept(acc);
    }
    return evalTerm(ts.get(i), env, v -> {
      acc[i] = v;
      return terms(ts, i + 1, acc, env, k);
    });
  }

  private boolean objectTerm(Term.ObjectTerm o, Env env, VCont k) {
    List<Term> flat = new ArrayList<>();
    for (Term.Entry e : o.entries()) {
      flat.add(e.key());
      flat.add(e.value());
    }
    return terms(flat, 0, new Value[flat.size()], env, vs -> {
      ObjBuilder m = new ObjBuilder(vs.length / 2);
      for (int i = 0; i < vs.length; i += 2) {
        m.put(vs[i], vs[i + 1]);
      }
      return k.accept(m.build());
    });
  }

  private boolean ref(Term.Ref r, Env env, VCont k) {
    if (r.head() instanceof Term.Var v) {
      switch (v.name()) {
        case "data" -> {
          return docs.data(root, r.path(), 0, env, k);
        }
        case "input" -> {
          return input.isPresent() && walk(input.get(), r.path(), 0, env, k);
        }
        default -> {
          Value x = env.raw(v.name());
          return x != null && walk(x, r.path(), 0, env, k);
        }
      }
    }
    return evalTerm(r.head(), env, h -> walk(h, r.path(), 0, env, k));
  }

  /** Follows a ref path through a value, enumerating unbound variables. */
  boolean walk(Value cur, List<Term> path, int i, Env env, VCont k) {
    if (i == path.size()) {
      return k.accept(cur);
    }
    Term p = path.get(i);
    if (p instanceof Term.Var v && !env.bound(v.name())) {
      return entries(cur, (key, val) -> {
        env.bind(v.name(), key);
        try {
          return walk(val, path, i + 1, env, k);
        } finally {
          env.unbind(v.name());
        }
      });
    }
    if ((p instanceof Term.ArrayTerm || p instanceof Term.ObjectTerm) && !ground(p, env)) {
      return entries(cur, (key, val) -> unifyValue(p, key, env, () -> walk(val, path, i + 1, env, k)));
    }
    return evalTerm(p, env, key -> {
      Value next = lookup(cur, key);
      return next != null && walk(next, path, i + 1, env, k);
    });
  }

  static Value lookup(Value cur, Value key) {
    if (cur instanceof Value.Obj o) {
      return o.getOrNull(key);
    }
    return switch (cur) {
      case Value.Obj o -> o.getOrNull(key);
      case Value.Arr a -> {
        if (key instanceof Value.Num n) {
          java.util.OptionalInt idx = n.asInt();
          if (idx.isPresent() && idx.getAsInt() >= 0 && idx.getAsInt() < a.items().size()) {
            yield a.items().get(idx.getAsInt());
          }
        }
        yield null;
      }
      case Value.SetV s -> s.items().contains(key) ? key : null;
      default -> null;
    };
  }

  boolean ground(Term t, Env env) {
    return switch (t) {
      case Term.Var v -> env.bound(v.name());
      case Term.ArrayTerm a -> a.items().stream().allMatch(x -> ground(x, env));
      case Term.ObjectTerm o -> o.entries().stream().allMatch(e -> ground(e.key(), env) && ground(e.value(), env));
      case Term.SetTerm s -> s.items().stream().allMatch(x -> ground(x, env));
      default -> true;
    };
  }

  // ------------------------------------------------------------------ unification

  boolean unify(Term a, Term b, Env env, Cont k) {
    if (a instanceof Term.Var va && !env.bound(va.name())) {
      return evalTerm(b, env, v -> unifyValue(a, v, env, k));
    }
    if (b instanceof Term.Var vb && !env.bound(vb.name())) {
      return evalTerm(a, env, v -> unifyValue(b, v, env, k));
    }
    if (a instanceof Term.ArrayTerm aa && b instanceof Term.ArrayTerm ba) {
      if (aa.items().size() != ba.items().size()) {
        return false;
      }
      return unifyPairs(aa.items(), ba.items(), 0, env, k);
    }
    if (a instanceof Term.ObjectTerm ao && b instanceof Term.ObjectTerm bo && !ground(a, env) && !ground(b, env)) {
      if (ao.entries().size() != bo.entries().size()) {
        return false;
      }
      List<Term> left = new ArrayList<>();
      List<Term> right = new ArrayList<>();
      for (Term.Entry e : ao.entries()) {
        Term.Entry m = bo.entries().stream().filter(x -> x.key() instanceof Term.Scalar xs && e.key() instanceof Term.Scalar es && xs.value().equals(es.value())).findFirst().orElse(null);
        if (m == null) {
          return false;
        }
        left.add(e.value());
        right.add(m.value());
      }
      return unifyPairs(left, right, 0, env, k);
    }
    if (!ground(a, env)) {
      return evalTerm(b, env, v -> unifyValue(a, v, env, k));
    }
    return evalTerm(a, env, v -> unifyValue(b, v, env, k));
  }

  private boolean unifyPairs(List<Term> as, List<Term> bs, int i, Env env, Cont k) {
    if (i == as.size()) {
      return k.run();
    }
    return unify(as.get(i), bs.get(i), env, () -> unifyPairs(as, bs, i + 1, env, k));
  }

  boolean unifyValue(Term t, Value v, Env env, Cont k) {
    switch (t) {
      case Term.Var var -> {
        Value cur = env.raw(var.name());
        if (cur != null) {
          return cur.equals(v) && k.run();
        }
        env.bind(var.name(), v);
        try {
          return k.run();
        } finally {
          env.unbind(var.name());
        }
      }
      case Term.ArrayTerm a -> {
        if (!(v instanceof Value.Arr arr) || arr.items().size() != a.items().size()) {
          return false;
        }
        return unifyItems(a.items(), arr.items(), 0, env, k);
      }
      case Term.ObjectTerm o -> {
        if (!(v instanceof Value.Obj obj) || obj.size() != o.entries().size()) {
          return false;
        }
        return unifyEntries(o.entries(), obj, 0, env, k);
      }
      case Term.Scalar s -> {
        return s.value().equals(v) && k.run();
      }
      default -> {
        return evalTerm(t, env, x -> x.equals(v) && k.run());
      }
    }
  }

  private boolean unifyItems(List<Term> ts, List<Value> vs, int i, Env env, Cont k) {
    if (i == ts.size()) {
      return k.run();
    }
    return unifyValue(ts.get(i), vs.get(i), env, () -> unifyItems(ts, vs, i + 1, env, k));
  }

  private boolean unifyEntries(List<Term.Entry> es, Value.Obj obj, int i, Env env, Cont k) {
    if (i == es.size()) {
      return k.run();
    }
    Term.Entry e = es.get(i);
    return evalTerm(e.key(), env, key -> {
      Value val = obj.getOrNull(key);
      return val != null && unifyValue(e.value(), val, env, () -> unifyEntries(es, obj, i + 1, env, k));
    });
  }

  static RegoEvalException conflict(String msg, SourcePos pos) {
    return new RegoEvalException(new RegoError("eval_conflict_error", msg, pos));
  }
}
