package io.sluice.policies.rego.eval;

import io.sluice.policies.rego.SourcePos;
import io.sluice.policies.rego.ast.Head;
import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Rule;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.compiler.CompiledRule;
import io.sluice.policies.rego.compiler.RuleNode;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code data} document: base data merged with the values of rules, computed on demand
 * from the rule tree and cached per evaluation (a fresh cache under each {@code with}).
 */
final class Documents {
  private final Evaluator ev;

  Documents(Evaluator ev) {
    this.ev = ev;
  }

  /** A {@code with data.x as v} replacement. */
  record Override(List<String> path, Value value) { }

  // ------------------------------------------------------------------ navigation

  boolean data(RuleNode node, List<Term> path, int i, Env env, VCont k) {
    if (!ev.overrides.isEmpty()) {
      Optional<Value> o = overrideAt(node.path());
      if (o.isPresent()) {
        return ev.walk(o.get(), path, i, env, k);
      }
    }
    if (node.isRuleLeaf() || node.isFunction()) {
      Optional<Value> v = value(node);
      return v.isPresent() && ev.walk(v.get(), path, i, env, k);
    }
    if (i == path.size()) {
      Optional<Value> v = value(node);
      return v.isPresent() && k.accept(v.get());
    }
    Term p = path.get(i);
    if (p instanceof Term.Scalar s && s.value() instanceof Value.Str str) {
      Optional<RuleNode> child = node.child(str.value());
      if (child.isPresent()) {
        return data(child.get(), path, i + 1, env, k);
      }
      if (node.dynamic().isEmpty()) {
        Value b = baseAt(node.path());
        Value next = b == null ? null : Evaluator.lookup(b, s.value());
        return next != null && ev.walk(next, path, i + 1, env, k);
      }
    }
    Optional<Value> v = value(node);
    return v.isPresent() && ev.walk(v.get(), path, i, env, k);
  }

  Optional<Value> overrideAt(List<String> path) {
    for (int j = ev.overrides.size() - 1; j >= 0; j--) {
      Override o = ev.overrides.get(j);
      if (o.path().size() <= path.size() && path.subList(0, o.path().size()).equals(o.path())) {
        Value v = o.value();
        for (String s : path.subList(o.path().size(), path.size())) {
          v = v == null ? null : Evaluator.lookup(v, Value.str(s));
        }
        return Optional.ofNullable(v);
      }
    }
    return Optional.empty();
  }

  Value baseAt(List<String> path) {
    // indexed loop: the common root path is empty, and an iterator per data lookup adds up
    Value v = ev.base;
    for (int i = 0; i < path.size() && v != null; i++) {
      v = Evaluator.lookup(v, Value.str(path.get(i)));
    }
    return v;
  }

  /** The full value of a node: a rule's value, or an object of base data and children. */
  Optional<Value> value(RuleNode node) {
    Optional<Value> cached = ev.cache.get(node);
    if (cached != null) {
      return cached;
    }
    Optional<Value> v = compute(node);
    if (!ev.overrides.isEmpty() && v.isPresent()) {
      for (Override o : ev.overrides) {
        if (o.path().size() > node.path().size() && o.path().subList(0, node.path().size()).equals(node.path())) {
          List<Value> rest = o.path().subList(node.path().size(), o.path().size()).stream()
              .map(s -> (Value) Value.str(s)).toList();
          v = Optional.of(patch(v.get(), rest, 0, o.value()));
        }
      }
    }
    ev.cache.put(node, v);
    return v;
  }

  private Optional<Value> compute(RuleNode node) {
    if (!ev.overrides.isEmpty()) {
      Optional<Value> o = overrideAt(node.path());
      if (o.isPresent()) {
        return o;
      }
    }
    if (node.isRuleLeaf()) {
      return leaf(node);
    }
    if (node.isFunction()) {
      return Optional.empty();
    }
    Value b = baseAt(node.path());
    if (node.children().isEmpty() && node.dynamic().isEmpty() && b != null) {
      return Optional.of(b);
    }
    TreeMap<Value, Value> m = new TreeMap<>();
    if (b instanceof Value.Obj bo) {
      m.putAll(bo.entries());
    }
    for (Map.Entry<String, RuleNode> c : node.children().entrySet()) {
      value(c.getValue()).ifPresent(v -> m.put(Value.str(c.getKey()), v));
    }
    for (CompiledRule r : node.dynamic()) {
      dynamic(r, m);
    }
    return Optional.of(new Value.Obj(m));
  }

  // ------------------------------------------------------------------ rules

  private Optional<Value> leaf(RuleNode node) {
    if (!node.contains().isEmpty()) {
      TreeSet<Value> out = new TreeSet<>();
      for (CompiledRule r : node.contains()) {
        Head.Contains h = (Head.Contains) r.rule().head();
        Env env = new Env();
        ev.body(r.rule().body(), 0, env, () -> ev.evalTerm(h.key(), env, v -> {
          out.add(v);
          return false;
        }));
      }
      return Optional.of(new Value.SetV(out));
    }
    Value found = null;
    SourcePos pos = node.complete().isEmpty() ? SourcePos.NONE : node.complete().get(0).rule().pos();
    for (CompiledRule r : node.complete()) {
      Outputs out = complete(r.rule(), new Env(), List.of());
      for (int i = 0; i < out.size(); i++) {
        Value v = out.get(i);
        if (found != null && !found.equals(v)) {
          throw Evaluator.conflict(r.rule().head().ref().size() > 1
              ? "rule " + r.name() + " produced conflicting values"
              : "complete rules must not produce multiple outputs", r.rule().pos());
        }
        found = v;
      }
    }
    if (found == null && node.defaultRule().isPresent()) {
      Rule d = node.defaultRule().get().rule();
      Value[] dv = {null};
      ev.evalTerm(valueTerm(d), new Env(), v -> {
        dv[0] = v;
        return true;
      });
      found = dv[0];
    }
    return Optional.ofNullable(found);
  }

  private static Term valueTerm(Rule r) {
    return switch (r.head()) {
      case Head.Single s -> s.value();
      case Head.Function f -> f.value();
      case Head.Contains c -> c.key();
    };
  }

  /**
   * The distinct values of one rule or function definition. It is also the continuation at
   * the end of the body (evaluate the value term) and the receiver of those values, so a
   * call allocates this one object instead of a list, a flag and three closures.
   */
  private final class Outputs implements Cont, VCont {
    private final Env env;
    private final Term value;
    private boolean any;
    private Value first;
    private List<Value> more;

    Outputs(Env env, Term value) {
      this.env = env;
      this.value = value;
    }

    @java.lang.Override
    public boolean run() {
      any = true;
      return ev.evalTerm(value, env, this);
    }

    @java.lang.Override
    public boolean accept(Value v) {
      if (first == null) {
        first = v;
      } else if (!first.equals(v) && (more == null || !more.contains(v))) {
        if (more == null) {
          more = new ArrayList<>(2);
        }
        more.add(v);
      }
      return false;
    }

    int size() {
      return first == null ? 0 : 1 + (more == null ? 0 : more.size());
    }

    Value get(int i) {
      return i == 0 ? first : more.get(i - 1);
    }
  }

  /** Distinct values of a complete rule (or function definition), following its else chain. */
  private Outputs complete(Rule rule, Env env, List<Value> args) {
    Outputs out = new Outputs(env, valueTerm(rule));
    if (rule.head() instanceof Head.Function f) {
      unifyArgs(f.args(), args, 0, env, rule.body(), out);
    } else {
      ev.body(rule.body(), 0, env, out);
    }
    if (!out.any && rule.elseRule().isPresent()) {
      return complete(rule.elseRule().get(), new Env(), args);
    }
    return out;
  }

  private boolean unifyArgs(List<Term> params, List<Value> args, int from, Env env, List<Literal> body,
      Cont k) {
    // plain variable parameters bind directly; only patterns need unification
    int j = from;
    while (j < params.size() && params.get(j) instanceof Term.Var v && !env.bound(v.name())) {
      env.bind(v.name(), args.get(j));
      j++;
    }
    final int i = j;
    if (i == params.size()) {
      return ev.body(body, 0, env, k);
    }
    return ev.unifyValue(params.get(i), args.get(i), env, () -> unifyArgs(params, args, i + 1, env, body, k));
  }

  private void dynamic(CompiledRule r, TreeMap<Value, Value> target) {
    Env env = new Env();
    Rule rule = r.rule();
    List<Term> suffix = r.suffix();
    ev.body(rule.body(), 0, env, () -> ev.terms(suffix, 0, new Value[suffix.size()], env, keys -> {
      Value[] ks = keys.clone();
      if (rule.head() instanceof Head.Contains c) {
        return ev.evalTerm(c.key(), env, v -> {
          insertSet(target, ks, 0, v);
          return false;
        });
      }
      return ev.evalTerm(valueTerm(rule), env, v -> {
        insert(target, ks, 0, v, r);
        return false;
      });
    }));
  }

  private void insert(TreeMap<Value, Value> m, Value[] keys, int i, Value v, CompiledRule r) {
    if (i == keys.length - 1) {
      Value prev = m.put(keys[i], v);
      if (prev != null && !prev.equals(v)) {
        if (keys.length == 1 && r.suffix().size() == 1) {
          throw Evaluator.conflict("object keys must be unique", r.rule().pos());
        }
        throw Evaluator.conflict("rule " + r.name() + "." + keyText(keys) + " produced conflicting values",
            r.rule().pos());
      }
      return;
    }
    Value child = m.get(keys[i]);
    TreeMap<Value, Value> cm = child instanceof Value.Obj o ? new TreeMap<>(o.entries()) : new TreeMap<>();
    if (child != null && !(child instanceof Value.Obj)) {
      throw Evaluator.conflict("rule " + r.name() + " produced conflicting values", r.rule().pos());
    }
    insert(cm, keys, i + 1, v, r);
    m.put(keys[i], new Value.Obj(cm));
  }

  private static String keyText(Value[] keys) {
    List<String> parts = new ArrayList<>();
    for (Value k : keys) {
      parts.add(k instanceof Value.Str s ? s.value() : k.toString());
    }
    return String.join(".", parts);
  }

  private void insertSet(TreeMap<Value, Value> m, Value[] keys, int i, Value v) {
    if (i == keys.length) {
      return;
    }
    Value child = m.get(keys[i]);
    if (i == keys.length - 1) {
      TreeSet<Value> s = child instanceof Value.SetV sv ? new TreeSet<>(sv.items()) : new TreeSet<>();
      s.add(v);
      m.put(keys[i], new Value.SetV(s));
      return;
    }
    TreeMap<Value, Value> cm = child instanceof Value.Obj o ? new TreeMap<>(o.entries()) : new TreeMap<>();
    insertSet(cm, keys, i + 1, v);
    m.put(keys[i], new Value.Obj(cm));
  }

  // ------------------------------------------------------------------ functions

  Optional<RuleNode> node(String dotted) {
    return ev.root.lookup(dotted);
  }

  Optional<RuleNode> functionNode(Term.Ref r) {
    return node(functionName(r)).filter(RuleNode::isFunction);
  }

  String functionName(Term.Ref r) {
    StringBuilder sb = new StringBuilder("data");
    for (Term t : r.path()) {
      if (t instanceof Term.Scalar s && s.value() instanceof Value.Str str) {
        sb.append('.').append(str.value());
      }
    }
    return sb.toString();
  }

  OptionalInt functionArity(String name) {
    RuleNode n = function(name);
    return n == null ? OptionalInt.empty() : OptionalInt.of(n.functionArity());
  }

  /** The node of the user function {@code data.pkg.f}, or null when there is none. */
  RuleNode function(String name) {
    return node(name).filter(RuleNode::isFunction).orElse(null);
  }

  Optional<Value> callFunction(String name, List<Value> args, SourcePos pos) {
    RuleNode n = function(name);
    if (n == null) {
      throw Calls.undefinedFunction(name, pos);
    }
    return callFunction(n, args);
  }

  /** Evaluates the function at {@code n} for {@code args} (not memoised). */
  Optional<Value> callFunction(RuleNode n, List<Value> args) {
    Value found = null;
    List<CompiledRule> definitions = n.functions();
    for (int d = 0; d < definitions.size(); d++) {
      CompiledRule r = definitions.get(d);
      Outputs out = complete(r.rule(), new Env(), args);
      for (int i = 0; i < out.size(); i++) {
        Value v = out.get(i);
        if (found != null && !found.equals(v)) {
          throw Evaluator.conflict("functions must not produce multiple outputs for same inputs", r.rule().pos());
        }
        found = v;
      }
    }
    if (found == null && n.defaultRule().isPresent()) {
      Value[] dv = {null};
      ev.evalTerm(valueTerm(n.defaultRule().get().rule()), new Env(), v -> {
        dv[0] = v;
        return true;
      });
      found = dv[0];
    }
    return Optional.ofNullable(found);
  }

  // ------------------------------------------------------------------ patching

  /** Returns {@code doc} with {@code path} set to {@code v}, creating objects on the way. */
  static Value patch(Value doc, List<Value> path, int i, Value v) {
    if (i == path.size()) {
      return v;
    }
    TreeMap<Value, Value> m = doc instanceof Value.Obj o ? new TreeMap<>(o.entries()) : new TreeMap<>();
    Value child = m.get(path.get(i));
    m.put(path.get(i), patch(child == null ? Value.EMPTY_OBJECT : child, path, i + 1, v));
    return new Value.Obj(m);
  }
}
