package io.sluice.policies.rego.ast;

import io.sluice.policies.rego.SourcePos;
import java.util.List;
import java.util.Objects;

/** One statement of a body: an expression, possibly negated, with its {@code with} modifiers. */
public record Literal(Expr expr, boolean negated, List<With> withs, SourcePos pos) {
  public Literal {
    Objects.requireNonNull(expr, "expr is null");
    withs = List.copyOf(withs);
    Objects.requireNonNull(pos, "pos is null");
  }

  public Literal withExpr(Expr e) {
    return new Literal(e, negated, withs, pos);
  }
}
