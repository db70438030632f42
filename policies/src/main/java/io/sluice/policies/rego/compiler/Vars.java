package io.sluice.policies.rego.compiler;

import io.sluice.policies.rego.ast.Expr;
import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.ast.With;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Variable collection helpers used by resolution and safety analysis. */
final class Vars {
  private Vars() {}

  /** Every variable in the term, including inside comprehensions. */
  static Set<String> all(Term t) {
    Set<String> out = new LinkedHashSet<>();
    collect(t, out, true);
    return out;
  }

  static Set<String> all(List<Literal> body) {
    Set<String> out = new LinkedHashSet<>();
    for (Literal l : body) {
      collect(l, out, true);
    }
    return out;
  }

  /** Variables of the term not counting nested comprehension bodies. */
  static Set<String> shallow(Term t) {
    Set<String> out = new LinkedHashSet<>();
    collect(t, out, false);
    return out;
  }

  static Set<String> shallow(Literal l) {
    Set<String> out = new LinkedHashSet<>();
    collect(l, out, false);
    return out;
  }

  static void collect(Literal l, Set<String> out, boolean deep) {
    switch (l.expr()) {
      case Expr.TermExpr te -> collect(te.term(), out, deep);
      case Expr.Unify u -> {
        collect(u.left(), out, deep);
        collect(u.right(), out, deep);
      }
      case Expr.Assign a -> {
        collect(a.left(), out, deep);
        collect(a.right(), out, deep);
      }
      case Expr.SomeDecl s -> s.vars().forEach(v -> out.add(v.name()));
      case Expr.SomeIn s -> {
        s.key().ifPresent(k -> collect(k, out, deep));
        collect(s.value(), out, deep);
        collect(s.collection(), out, deep);
      }
      case Expr.Every ev -> {
        collect(ev.domain(), out, deep);
        if (deep) {
          ev.key().ifPresent(k -> collect(k, out, true));
          collect(ev.value(), out, true);
          for (Literal b : ev.body()) {
            collect(b, out, true);
          }
        }
      }
    }
    for (With w : l.withs()) {
      collect(w.value(), out, deep);
    }
  }

  static void collect(Term t, Set<String> out, boolean deep) {
    switch (t) {
      case Term.Scalar s -> { }
      case Term.Var v -> out.add(v.name());
      case Term.Ref r -> {
        if (!isRoot(r.head())) {
          collect(r.head(), out, deep);
        }
        r.path().forEach(x -> collect(x, out, deep));
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> collect(x, out, deep));
      case Term.SetTerm s -> s.items().forEach(x -> collect(x, out, deep));
      case Term.ObjectTerm o -> o.entries().forEach(e -> {
        collect(e.key(), out, deep);
        collect(e.value(), out, deep);
      });
      case Term.Call c -> c.args().forEach(x -> collect(x, out, deep));
      case Term.ArrayCompr c -> {
        if (deep) {
          collect(c.head(), out, true);
          c.body().forEach(b -> collect(b, out, true));
        }
      }
      case Term.SetCompr c -> {
        if (deep) {
          collect(c.head(), out, true);
          c.body().forEach(b -> collect(b, out, true));
        }
      }
      case Term.ObjectCompr c -> {
        if (deep) {
          collect(c.key(), out, true);
          collect(c.value(), out, true);
          c.body().forEach(b -> collect(b, out, true));
        }
      }
    }
  }

  static boolean isRoot(Term t) {
    return t instanceof Term.Var v && (v.name().equals("data") || v.name().equals("input"));
  }

  /** Variables a statement declares as locals: {@code some}, {@code :=}, {@code some in}, {@code every}. */
  static void declared(List<Literal> body, Set<String> out) {
    for (Literal l : body) {
      switch (l.expr()) {
        case Expr.SomeDecl s -> s.vars().forEach(v -> out.add(v.name()));
        case Expr.Assign a -> collect(a.left(), out, false);
        case Expr.SomeIn s -> {
          s.key().ifPresent(k -> collect(k, out, false));
          collect(s.value(), out, false);
        }
        case Expr.Every ev -> {
          ev.key().ifPresent(k -> collect(k, out, false));
          collect(ev.value(), out, false);
          declared(ev.body(), out);
        }
        default -> { }
      }
      declaredInTerms(l, out);
    }
  }

  private static void declaredInTerms(Literal l, Set<String> out) {
    new Rewriter() {
      @Override
      Term term(Term t) {
        switch (t) {
          case Term.ArrayCompr c -> declared(c.body(), out);
          case Term.SetCompr c -> declared(c.body(), out);
          case Term.ObjectCompr c -> declared(c.body(), out);
          default -> { }
        }
        return super.term(t);
      }
    }.literal(l);
  }
}
