package io.sluice.policies.rego.compiler;

import io.sluice.policies.rego.RegoError;
import io.sluice.policies.rego.SourcePos;
import io.sluice.policies.rego.ast.Expr;
import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.ast.With;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Orders body statements by variable dependencies, as Rego requires, and reports unsafe
 * variables. A statement is scheduled once every variable it reads is bound by an earlier
 * statement; its outputs (unified vars, ref iteration vars, call output arguments) then count
 * as bound. Nested bodies (comprehensions, every) are ordered with the outer bindings visible.
 */
final class Safety {
  private final ToIntFunction<String> arity;
  private final List<RegoError> errors;

  Safety(ToIntFunction<String> arity, List<RegoError> errors) {
    this.arity = arity;
    this.errors = errors;
  }

  /** An ordered body and the variables bound after it. */
  record Ordered(List<Literal> body, Set<String> bound) { }

  private static final class Acc {
    final Set<String> needs = new LinkedHashSet<>();
    final Set<String> iter = new LinkedHashSet<>();
    final Set<String> pat = new LinkedHashSet<>();
  }

  Ordered order(List<Literal> body, Set<String> bound0, Set<String> headVars) {
    Set<String> scope = new HashSet<>(bound0);
    scope.addAll(headVars);
    for (Literal l : body) {
      scope.addAll(Vars.shallow(l));
    }
    // a var declared with := by a later statement is not yet in scope for earlier comprehensions
    Map<String, Integer> assignedAt = new HashMap<>();
    Map<Literal, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < body.size(); i++) {
      index.put(body.get(i), i);
      if (body.get(i).expr() instanceof Expr.Assign a) {
        for (String v : Vars.shallow(a.left())) {
          assignedAt.putIfAbsent(v, i);
        }
      }
    }
    List<Literal> remaining = new ArrayList<>(body);
    List<Literal> ordered = new ArrayList<>();
    Set<String> bound = new HashSet<>(bound0);
    while (!remaining.isEmpty()) {
      int pick = -1;
      Info info = null;
      for (int i = 0; i < remaining.size(); i++) {
        Info in = info(remaining.get(i), remaining, scopeAt(scope, assignedAt, index.get(remaining.get(i))), bound);
        if (bound.containsAll(in.needs) && in.ready) {
          pick = i;
          info = in;
          break;
        }
      }
      if (pick < 0) {
        Literal first = remaining.get(0);
        Info in = info(first, remaining, scopeAt(scope, assignedAt, index.get(first)), bound);
        Set<String> unsafe = new LinkedHashSet<>(in.needs);
        unsafe.removeAll(bound);
        if (unsafe.isEmpty()) {
          unsafe.addAll(in.outs);
          unsafe.removeAll(bound);
        }
        for (String v : unsafe) {
          unsafe(v, first.pos());
        }
        return new Ordered(ordered, bound);
      }
      Literal lit = remaining.remove(pick);
      ordered.add(nested(lit, bound));
      bound.addAll(info.outs);
    }
    return new Ordered(ordered, bound);
  }

  private static Set<String> scopeAt(Set<String> scope, Map<String, Integer> assignedAt, int idx) {
    Set<String> out = scope;
    for (Map.Entry<String, Integer> e : assignedAt.entrySet()) {
      if (e.getValue() > idx) {
        if (out == scope) {
          out = new HashSet<>(scope);
        }
        out.remove(e.getKey());
      }
    }
    return out;
  }

  void unsafe(String var, SourcePos pos) {
    String name = var.startsWith("$_") ? "_" : var;
    RegoError e = new RegoError("rego_unsafe_var_error", "var " + name + " is unsafe", pos);
    if (!errors.contains(e)) {
      errors.add(e);
    }
  }

  private record Info(Set<String> needs, Set<String> outs, boolean ready) { }

  private Info info(Literal l, List<Literal> others, Set<String> scope, Set<String> bound) {
    Acc a = new Acc();
    boolean ready = true;
    switch (l.expr()) {
      case Expr.TermExpr te -> eval(te.term(), a, scope);
      case Expr.Assign as -> {
        pattern(as.left(), a, scope);
        eval(as.right(), a, scope);
      }
      case Expr.Unify u -> {
        Acc left = new Acc();
        Acc right = new Acc();
        pattern(u.left(), left, scope);
        pattern(u.right(), right, scope);
        ready = bound.containsAll(left.pat) || bound.containsAll(right.pat) || pairwise(u.left(), u.right(), bound, scope);
        for (Acc x : List.of(left, right)) {
          a.needs.addAll(x.needs);
          a.iter.addAll(x.iter);
          a.pat.addAll(x.pat);
        }
      }
      case Expr.SomeDecl s -> { }
      case Expr.SomeIn s -> {
        s.key().ifPresent(k -> pattern(k, a, scope));
        pattern(s.value(), a, scope);
        eval(s.collection(), a, scope);
      }
      case Expr.Every ev -> {
        eval(ev.domain(), a, scope);
        Set<String> local = new HashSet<>();
        ev.key().ifPresent(k -> local.addAll(Vars.all(k)));
        local.addAll(Vars.all(ev.value()));
        for (String v : Vars.all(ev.body())) {
          if (scope.contains(v) && !local.contains(v)) {
            a.needs.add(v);
          }
        }
      }
    }
    for (With w : l.withs()) {
      eval(w.value(), a, scope);
    }
    Set<String> outs = new LinkedHashSet<>(a.iter);
    outs.addAll(a.pat);
    Set<String> needs = new LinkedHashSet<>(a.needs);
    needs.removeAll(outs);
    if (l.negated()) {
      Set<String> elsewhere = new HashSet<>();
      for (Literal o : others) {
        if (o != l) {
          elsewhere.addAll(Vars.shallow(o));
        }
      }
      for (String v : outs) {
        if (elsewhere.contains(v) || (scope.contains(v) && !Vars.shallow(l).contains(v))) {
          needs.add(v);
        }
      }
      return new Info(needs, Set.of(), ready);
    }
    return new Info(needs, outs, ready);
  }

  private boolean pairwise(Term l, Term r, Set<String> bound, Set<String> scope) {
    if (l instanceof Term.ArrayTerm la && r instanceof Term.ArrayTerm ra && la.items().size() == ra.items().size()) {
      for (int i = 0; i < la.items().size(); i++) {
        Acc x = new Acc();
        Acc y = new Acc();
        pattern(la.items().get(i), x, scope);
        pattern(ra.items().get(i), y, scope);
        if (!(bound.containsAll(x.pat) || bound.containsAll(y.pat)
            || pairwise(la.items().get(i), ra.items().get(i), bound, scope))) {
          return false;
        }
      }
      return true;
    }
    if (l instanceof Term.ObjectTerm lo && r instanceof Term.ObjectTerm ro && lo.entries().size() == ro.entries().size()) {
      for (Term.Entry le : lo.entries()) {
        Term.Entry match = ro.entries().stream().filter(re -> sameKey(re.key(), le.key())).findFirst().orElse(null);
        if (match == null) {
          return false;
        }
        Acc x = new Acc();
        Acc y = new Acc();
        pattern(le.value(), x, scope);
        pattern(match.value(), y, scope);
        if (!(bound.containsAll(x.pat) || bound.containsAll(y.pat) || pairwise(le.value(), match.value(), bound, scope))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private void eval(Term t, Acc a, Set<String> scope) {
    switch (t) {
      case Term.Scalar s -> { }
      case Term.Var v -> a.needs.add(v.name());
      case Term.Ref r -> {
        if (!Vars.isRoot(r.head())) {
          eval(r.head(), a, scope);
        }
        for (Term p : r.path()) {
          switch (p) {
            case Term.Var v -> a.iter.add(v.name());
            case Term.ArrayTerm x -> pattern(x, a, scope);
            case Term.ObjectTerm x -> pattern(x, a, scope);
            default -> eval(p, a, scope);
          }
        }
      }
      case Term.ArrayTerm x -> x.items().forEach(i -> eval(i, a, scope));
      case Term.SetTerm x -> x.items().forEach(i -> eval(i, a, scope));
      case Term.ObjectTerm x -> x.entries().forEach(e -> {
        eval(e.key(), a, scope);
        eval(e.value(), a, scope);
      });
      case Term.Call c -> {
        int n = arity.applyAsInt(c.name());
        for (int i = 0; i < c.args().size(); i++) {
          if (n >= 0 && i >= n) {
            pattern(c.args().get(i), a, scope);
          } else {
            eval(c.args().get(i), a, scope);
          }
        }
      }
      case Term.ArrayCompr c -> closure(t, a, scope);
      case Term.SetCompr c -> closure(t, a, scope);
      case Term.ObjectCompr c -> closure(t, a, scope);
    }
  }

  private void closure(Term compr, Acc a, Set<String> scope) {
    for (String v : Vars.all(compr)) {
      if (scope.contains(v)) {
        a.needs.add(v);
      }
    }
  }

  private void pattern(Term t, Acc a, Set<String> scope) {
    switch (t) {
      case Term.Var v -> a.pat.add(v.name());
      case Term.ArrayTerm x -> x.items().forEach(i -> pattern(i, a, scope));
      case Term.ObjectTerm x -> x.entries().forEach(e -> {
        eval(e.key(), a, scope);
        pattern(e.value(), a, scope);
      });
      default -> eval(t, a, scope);
    }
  }

  static boolean sameKey(Term a, Term b) {
    return a instanceof Term.Scalar x && b instanceof Term.Scalar y && x.value().equals(y.value());
  }

  /** Orders the bodies nested in a statement, with the variables bound so far visible. */
  private Literal nested(Literal l, Set<String> bound) {
    Literal out = closures(new HashSet<>(bound), l.pos()).literal(l);
    if (out.expr() instanceof Expr.Every ev) {
      Set<String> inner = new HashSet<>(bound);
      ev.key().ifPresent(k -> inner.addAll(Vars.all(k)));
      inner.addAll(Vars.all(ev.value()));
      Ordered o = order(ev.body(), inner, Set.of());
      out = out.withExpr(new Expr.Every(ev.key(), ev.value(), ev.domain(), o.body()));
    }
    return out;
  }

  /**
   * Orders every comprehension reachable without entering another body. A comprehension's head
   * vars must be bound by its own body; unsafe ones are reported at {@code pos}, the enclosing
   * statement, as OPA does. A comprehension inside a comprehension head is a closure over that
   * comprehension's body (OPA moves such heads into the body), so it is ordered with the body's
   * bindings visible, reported at its own position, and its own head vars are not demanded of
   * the outer body.
   */
  private Rewriter closures(Set<String> bound, SourcePos pos) {
    return new Rewriter() {
      @Override
      Term term(Term t) {
        return switch (t) {
          case Term.ArrayCompr c -> {
            List<Literal> body = new ArrayList<>(c.body());
            Term head = hoist(c.head(), body);
            Ordered o = comprehension(List.of(head), body, bound, pos);
            yield new Term.ArrayCompr(inHead(head, o), o.body(), c.pos());
          }
          case Term.SetCompr c -> {
            List<Literal> body = new ArrayList<>(c.body());
            Term head = hoist(c.head(), body);
            Ordered o = comprehension(List.of(head), body, bound, pos);
            yield new Term.SetCompr(inHead(head, o), o.body(), c.pos());
          }
          case Term.ObjectCompr c -> {
            List<Literal> body = new ArrayList<>(c.body());
            Term key = hoist(c.key(), body);
            Term value = hoist(c.value(), body);
            Ordered o = comprehension(List.of(key, value), body, bound, pos);
            yield new Term.ObjectCompr(inHead(key, o), inHead(value, o), o.body(), c.pos());
          }
          default -> super.term(t);
        };
      }

      @Override
      List<Literal> body(List<Literal> body) {
        // only an every body gets here; nested() orders it with the every's own bindings
        return body;
      }
    };
  }

  /**
   * Like OPA, a comprehension head that reads a ref is computed by the body, so that ref
   * iteration in a head works: {@code [x.y[_] | b]} becomes {@code [$c0 | b; $c0 := x.y[_]]}.
   */
  private Term hoist(Term head, List<Literal> body) {
    if (!readsRef(head)) {
      return head;
    }
    Term.Var v = new Term.Var("$c" + (hoists++), head.pos());
    body.add(new Literal(new Expr.Assign(v, head), false, List.of(), head.pos()));
    return v;
  }

  private int hoists;

  /** Whether the term reads a ref outside nested comprehensions (those are closures). */
  private static boolean readsRef(Term t) {
    return switch (t) {
      case Term.Ref r -> true;
      case Term.Scalar s -> false;
      case Term.Var v -> false;
      case Term.ArrayTerm a -> a.items().stream().anyMatch(Safety::readsRef);
      case Term.SetTerm x -> x.items().stream().anyMatch(Safety::readsRef);
      case Term.ObjectTerm o -> o.entries().stream().anyMatch(e -> readsRef(e.key()) || readsRef(e.value()));
      case Term.Call c -> c.args().stream().anyMatch(Safety::readsRef);
      case Term.ArrayCompr c -> false;
      case Term.SetCompr c -> false;
      case Term.ObjectCompr c -> false;
    };
  }

  private Ordered comprehension(List<Term> head, List<Literal> body, Set<String> bound, SourcePos pos) {
    Set<String> headVars = new LinkedHashSet<>();
    head.forEach(h -> headVars.addAll(Vars.shallow(h)));
    Ordered o = order(body, bound, headVars);
    // a body that could not be ordered has reported its unsafe vars; like OPA, do not report its
    // vars again through the head
    Set<String> safe = new HashSet<>(o.bound());
    if (o.body().size() < body.size()) {
      safe.addAll(Vars.all(body));
    }
    check(headVars, safe, pos);
    return o;
  }

  private Term inHead(Term head, Ordered body) {
    return closures(body.bound(), head.pos()).term(head);
  }

  void check(Set<String> needed, Set<String> bound, SourcePos pos) {
    for (String v : needed) {
      if (!bound.contains(v)) {
        unsafe(v, pos);
      }
    }
  }
}
