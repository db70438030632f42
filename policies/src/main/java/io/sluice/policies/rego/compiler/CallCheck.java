package io.sluice.policies.rego.compiler;

import io.sluice.policies.rego.RegoError;
import io.sluice.policies.rego.ast.Expr;
import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.builtins.BuiltinContext;
import io.sluice.policies.rego.builtins.BuiltinException;
import io.sluice.policies.rego.builtins.Builtins;
import io.sluice.policies.rego.value.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Compile-time checks on resolved bodies: undefined functions and re-assigned variables. */
final class CallCheck extends Rewriter {
  private final Set<String> functions;
  private final List<RegoError> errors;

  CallCheck(Set<String> functions, List<RegoError> errors) {
    this.functions = functions;
    this.errors = errors;
  }

  @Override
  Term term(Term t) {
    if (t instanceof Term.Call c && !functions.contains(c.name()) && !Builtins.exists(c.name())) {
      RegoError e = new RegoError("rego_type_error", "undefined function " + c.name(), c.pos());
      if (!errors.contains(e)) {
        errors.add(e);
      }
    }
    if (t instanceof Term.Call c) {
      constantTypeCheck(c);
    }
    if (t instanceof Term.ArrayCompr c) {
      assignedTwice(c.body());
    } else if (t instanceof Term.SetCompr c) {
      assignedTwice(c.body());
    } else if (t instanceof Term.ObjectCompr c) {
      assignedTwice(c.body());
    }
    return super.term(t);
  }

  @Override
  Term withTarget(Term t) {
    return t;
  }

  @Override
  Term withValue(Term t) {
    return t instanceof Term.Call ? t : term(t);
  }

  /**
   * A built-in applied to literal scalars can be type-checked now, as OPA's type checker
   * would: {@code 1 + "a"} is a compile error rather than an always-undefined expression.
   * Value-level conditions (integer-ness, ranges) are left to evaluation, as in OPA.
   */
  private void constantTypeCheck(Term.Call c) {
    int arity = Builtins.arity(c.name());
    if (arity <= 0 || c.args().size() != arity || !c.args().stream().allMatch(a -> a instanceof Term.Scalar)) {
      return;
    }
    List<Value> args = c.args().stream().map(a -> ((Term.Scalar) a).value()).toList();
    try {
      Builtins.get(c.name()).orElseThrow().impl().apply(args, new BuiltinContext(0, s -> { }));
    } catch (BuiltinException e) {
      if (e.typeError() && !e.getMessage().contains("integer")) {
        errors.add(new RegoError("rego_type_error", e.getMessage(), c.pos()));
      }
    } catch (RuntimeException e) {
      // value errors surface at evaluation time
    }
  }

  /** {@code x := 1; x := 2} in one body is an error in Rego. */
  void assignedTwice(List<Literal> body) {
    Set<String> seen = new HashSet<>();
    for (Literal l : body) {
      if (l.expr() instanceof Expr.Assign a) {
        for (String v : Vars.shallow(a.left())) {
          if (!v.startsWith("$") && !seen.add(v)) {
            errors.add(new RegoError("rego_compile_error", "var " + v + " assigned above", l.pos()));
          }
        }
      }
      if (l.expr() instanceof Expr.Every ev) {
        assignedTwice(ev.body());
      }
    }
  }

  void check(List<Literal> body) {
    assignedTwice(body);
    body(body);
  }
}
