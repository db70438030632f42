package io.sluice.policies.rego.compiler;

import io.sluice.policies.rego.ast.Expr;
import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.ast.With;
import java.util.ArrayList;
import java.util.List;

/**
 * Structural rewrite of terms and bodies; subclasses override the leaf hooks. Refs whose
 * head rewrites to a ref are flattened so that {@code x.y} with {@code x -> data.p.x}
 * becomes {@code data.p.x.y}.
 */
abstract class Rewriter {

  Term var(Term.Var v) {
    return v;
  }

  String callName(String name) {
    return name;
  }

  Term withTarget(Term t) {
    return term(t);
  }

  Term withValue(Term t) {
    return term(t);
  }

  Term term(Term t) {
    return switch (t) {
      case Term.Scalar s -> s;
      case Term.Var v -> var(v);
      case Term.Ref r -> {
        Term head = term(r.head());
        List<Term> path = terms(r.path());
        if (head instanceof Term.Ref hr) {
          List<Term> merged = new ArrayList<>(hr.path());
          merged.addAll(path);
          yield new Term.Ref(hr.head(), merged, r.pos());
        }
        yield new Term.Ref(head, path, r.pos());
      }
      case Term.ArrayTerm a -> new Term.ArrayTerm(terms(a.items()), a.pos());
      case Term.SetTerm s -> new Term.SetTerm(terms(s.items()), s.pos());
      case Term.ObjectTerm o -> new Term.ObjectTerm(
          o.entries().stream().map(e -> new Term.Entry(term(e.key()), term(e.value()))).toList(), o.pos());
      case Term.ArrayCompr c -> new Term.ArrayCompr(term(c.head()), body(c.body()), c.pos());
      case Term.SetCompr c -> new Term.SetCompr(term(c.head()), body(c.body()), c.pos());
      case Term.ObjectCompr c -> new Term.ObjectCompr(term(c.key()), term(c.value()), body(c.body()), c.pos());
      case Term.Call c -> new Term.Call(callName(c.name()), terms(c.args()), c.pos());
    };
  }

  List<Term> terms(List<Term> ts) {
    List<Term> out = new ArrayList<>(ts.size());
    for (Term t : ts) {
      out.add(term(t));
    }
    return out;
  }

  List<Literal> body(List<Literal> body) {
    List<Literal> out = new ArrayList<>(body.size());
    for (Literal l : body) {
      out.add(literal(l));
    }
    return out;
  }

  Literal literal(Literal l) {
    Expr e = switch (l.expr()) {
      case Expr.TermExpr te -> new Expr.TermExpr(term(te.term()));
      case Expr.Unify u -> new Expr.Unify(term(u.left()), term(u.right()));
      case Expr.Assign a -> new Expr.Assign(term(a.left()), term(a.right()));
      case Expr.SomeDecl s -> s;
      case Expr.SomeIn s -> new Expr.SomeIn(s.key().map(this::term), term(s.value()), term(s.collection()));
      case Expr.Every ev -> new Expr.Every(ev.key().map(this::term), term(ev.value()), term(ev.domain()),
          body(ev.body()));
    };
    List<With> withs = l.withs().stream()
        .map(w -> new With(withTarget(w.target()), withValue(w.value()), w.pos())).toList();
    return new Literal(e, l.negated(), withs, l.pos());
  }
}
