package io.sluice.policies.rego.compiler;

import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.builtins.Builtins;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves names in a rule: declared locals stay variables; {@code input}, {@code data},
 * import aliases and the package's rule names become refs rooted at {@code input}/{@code data};
 * calls to package functions get their {@code data.pkg.f} name.
 */
final class Resolver extends Rewriter {
  private final List<String> pkg;
  private final Map<String, List<String>> imports;
  private final Set<String> ruleNames;
  private final Set<String> locals;
  private final Set<String> functions;

  Resolver(List<String> pkg, Map<String, List<String>> imports, Set<String> ruleNames, Set<String> locals,
      Set<String> functions) {
    this.pkg = pkg;
    this.imports = imports;
    this.ruleNames = ruleNames;
    this.locals = locals;
    this.functions = functions;
  }

  @Override
  Term var(Term.Var v) {
    String n = v.name();
    if (locals.contains(n) || v.isWildcard()) {
      return v;
    }
    return global(n, v).orElse(v);
  }

  private Optional<Term> global(String n, Term.Var v) {
    if (n.equals("input") || n.equals("data")) {
      return Optional.of(new Term.Ref(v, List.of(), v.pos()));
    }
    List<String> imp = imports.get(n);
    if (imp != null) {
      List<Term> path = new ArrayList<>();
      for (String s : imp.subList(1, imp.size())) {
        path.add(new Term.Scalar(Value.str(s), v.pos()));
      }
      return Optional.of(new Term.Ref(new Term.Var(imp.get(0), v.pos()), path, v.pos()));
    }
    if (ruleNames.contains(n)) {
      List<Term> path = new ArrayList<>();
      for (String s : pkg) {
        path.add(new Term.Scalar(Value.str(s), v.pos()));
      }
      path.add(new Term.Scalar(Value.str(n), v.pos()));
      return Optional.of(new Term.Ref(new Term.Var("data", v.pos()), path, v.pos()));
    }
    return Optional.empty();
  }

  @Override
  String callName(String name) {
    int dot = name.indexOf('.');
    String first = dot < 0 ? name : name.substring(0, dot);
    String rest = dot < 0 ? "" : name.substring(dot);
    if (locals.contains(first)) {
      return name;
    }
    if (first.equals("data")) {
      return name;
    }
    List<String> imp = imports.get(first);
    if (imp != null) {
      return String.join(".", imp) + rest;
    }
    if (ruleNames.contains(first)) {
      return "data." + (pkg.isEmpty() ? "" : String.join(".", pkg) + ".") + name;
    }
    return name;
  }

  @Override
  Term withTarget(Term t) {
    String dotted = dotted(t).orElse(null);
    if (dotted == null) {
      return term(t);
    }
    String resolved = callName(dotted);
    if (functions.contains(resolved) || (!resolved.startsWith("data.") && !resolved.startsWith("input")
        && Builtins.exists(resolved))) {
      return new Term.Call(resolved, List.of(), t.pos());
    }
    return term(t);
  }

  @Override
  Term withValue(Term t) {
    Optional<String> dotted = dotted(t);
    if (dotted.isPresent()) {
      String first = dotted.get().split("\\.")[0];
      String resolved = callName(dotted.get());
      if (!locals.contains(first) && !resolved.startsWith("data.") && !first.equals("input")
          && !first.equals("data") && Builtins.exists(resolved)) {
        return new Term.Call(resolved, List.of(), t.pos());
      }
    }
    return term(t);
  }

  private static Optional<String> dotted(Term t) {
    return switch (t) {
      case Term.Var v -> Optional.of(v.name());
      case Term.Ref r when r.head() instanceof Term.Var v -> {
        StringBuilder sb = new StringBuilder(v.name());
        for (Term p : r.path()) {
          if (p instanceof Term.Scalar s && s.value() instanceof Value.Str str) {
            sb.append('.').append(str.value());
          } else {
            yield Optional.empty();
          }
        }
        yield Optional.of(sb.toString());
      }
      default -> Optional.empty();
    };
  }
}
