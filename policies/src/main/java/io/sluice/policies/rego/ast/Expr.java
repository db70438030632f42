package io.sluice.policies.rego.ast;

import java.util.List;
import java.util.Optional;

/** The statement forms of a rule body or query. */
public sealed interface Expr
    permits Expr.TermExpr, Expr.Unify, Expr.Assign, Expr.SomeDecl, Expr.SomeIn, Expr.Every {

  /** A term that must be defined and not false. */
  record TermExpr(Term term) implements Expr {
    public TermExpr {
      java.util.Objects.requireNonNull(term, "term is null");
    }
  }

  /** {@code a = b}. */
  record Unify(Term left, Term right) implements Expr {
    public Unify {
      java.util.Objects.requireNonNull(left, "left is null");
      java.util.Objects.requireNonNull(right, "right is null");
    }
  }

  /** {@code a := b}; declares the variables of the left side. */
  record Assign(Term left, Term right) implements Expr {
    public Assign {
      java.util.Objects.requireNonNull(left, "left is null");
      java.util.Objects.requireNonNull(right, "right is null");
    }
  }

  /** {@code some x, y}. */
  record SomeDecl(List<Term.Var> vars) implements Expr {
    public SomeDecl {
      vars = List.copyOf(vars);
    }
  }

  /** {@code some [key,] value in collection}. */
  record SomeIn(Optional<Term> key, Term value, Term collection) implements Expr {
    public SomeIn {
      java.util.Objects.requireNonNull(key, "key is null");
      java.util.Objects.requireNonNull(value, "value is null");
      java.util.Objects.requireNonNull(collection, "collection is null");
    }
  }

  /** {@code every [key,] value in domain { body }}. */
  record Every(Optional<Term> key, Term value, Term domain, List<Literal> body) implements Expr {
    public Every {
      java.util.Objects.requireNonNull(key, "key is null");
      java.util.Objects.requireNonNull(value, "value is null");
      java.util.Objects.requireNonNull(domain, "domain is null");
      body = List.copyOf(body);
    }
  }
}
