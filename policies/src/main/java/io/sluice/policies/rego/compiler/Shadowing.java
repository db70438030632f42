package io.sluice.policies.rego.compiler;

import io.sluice.policies.rego.ast.Expr;
import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Term;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives variables declared inside a comprehension or {@code every} body ({@code some x},
 * {@code x :=}, {@code every x in}) fresh names when they shadow an outer variable. The
 * evaluator shares one binding environment across nested bodies, so without this an inner
 * declaration would unify with the outer value instead of introducing a new variable.
 */
final class Shadowing {
  private int fresh;

  List<Literal> apply(List<Literal> body, Set<String> outer) {
    Set<String> visible = new HashSet<>(outer);
    for (Literal l : body) {
      visible.addAll(Vars.shallow(l));
    }
    return new Rewriter() {
      @Override
      Term term(Term t) {
        return switch (t) {
          case Term.ArrayCompr c -> {
            Map<String, String> ren = renames(c.body(), visible, Set.of());
            Rewriter r = renamer(ren);
            yield new Term.ArrayCompr(r.term(c.head()), nested(r.body(c.body()), visible), c.pos());
          }
          case Term.SetCompr c -> {
            Map<String, String> ren = renames(c.body(), visible, Set.of());
            Rewriter r = renamer(ren);
            yield new Term.SetCompr(r.term(c.head()), nested(r.body(c.body()), visible), c.pos());
          }
          case Term.ObjectCompr c -> {
            Map<String, String> ren = renames(c.body(), visible, Set.of());
            Rewriter r = renamer(ren);
            yield new Term.ObjectCompr(r.term(c.key()), r.term(c.value()), nested(r.body(c.body()), visible), c.pos());
          }
          default -> super.term(t);
        };
      }

      @Override
      Literal literal(Literal l) {
        Literal out = super.literal(l);
        if (out.expr() instanceof Expr.Every ev) {
          Set<String> kv = new HashSet<>();
          ev.key().ifPresent(k -> kv.addAll(Vars.all(k)));
          kv.addAll(Vars.all(ev.value()));
          Map<String, String> ren = renames(ev.body(), visible, kv);
          Rewriter r = renamer(ren);
          Optional<Term> key = ev.key().map(r::term);
          out = out.withExpr(new Expr.Every(key, r.term(ev.value()), ev.domain(), nested(r.body(ev.body()), visible)));
        }
        return out;
      }
    }.body(body);
  }

  private List<Literal> nested(List<Literal> body, Set<String> visible) {
    return apply(body, visible);
  }

  private Map<String, String> renames(List<Literal> body, Set<String> visible, Set<String> extra) {
    Set<String> declared = new HashSet<>(extra);
    for (Literal l : body) {
      switch (l.expr()) {
        case Expr.SomeDecl s -> s.vars().forEach(v -> declared.add(v.name()));
        case Expr.Assign a -> declared.addAll(Vars.shallow(a.left()));
        case Expr.SomeIn s -> {
          s.key().ifPresent(k -> declared.addAll(Vars.shallow(k)));
          declared.addAll(Vars.shallow(s.value()));
        }
        default -> { }
      }
    }
    Map<String, String> ren = new HashMap<>();
    for (String v : declared) {
      if (visible.contains(v) && !v.startsWith("$")) {
        ren.put(v, v + "$s" + (fresh++));
      }
    }
    return ren;
  }

  private static Rewriter renamer(Map<String, String> ren) {
    return new Rewriter() {
      @Override
      Term var(Term.Var v) {
        String n = ren.get(v.name());
        return n == null ? v : new Term.Var(n, v.pos());
      }

      @Override
      Literal literal(Literal l) {
        Literal out = super.literal(l);
        if (out.expr() instanceof Expr.SomeDecl s) {
          out = out.withExpr(new Expr.SomeDecl(s.vars().stream()
              .map(v -> ren.containsKey(v.name()) ? new Term.Var(ren.get(v.name()), v.pos()) : v).toList()));
        }
        return out;
      }
    };
  }
}
