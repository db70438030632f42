package io.sluice.policies.rego.compiler;

import io.sluice.policies.rego.RegoError;
import io.sluice.policies.rego.ast.Head;
import io.sluice.policies.rego.ast.Import;
import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Module;
import io.sluice.policies.rego.ast.Rule;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.builtins.Builtins;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles parsed modules into the rule tree:
 *
 * <pre>
 *   modules -> rule names per package -> resolve names -> order bodies / unsafe vars
 *           -> place rules on tree nodes -> recursion check
 * </pre>
 *
 * Errors are collected, not thrown, so that a check reports all of them.
 */
public final class Compiler {
  private final List<RegoError> errors = new ArrayList<>();
  private final RuleNode root = new RuleNode(List.of(), 0);
  private int ids = 1;
  private final Map<String, Integer> functionArity = new HashMap<>();

  /** The result: the tree (valid only when {@code errors} is empty) and the errors. */
  public record Result(RuleNode root, List<RegoError> errors, Map<String, Integer> functionArity) {
    public Result {
      errors = List.copyOf(errors);
      functionArity = Map.copyOf(functionArity);
    }
  }

  /** A compiled query: ordered body and the user-visible variables. */
  public record CompiledQuery(List<Literal> body, List<String> vars, boolean checkCapture) {
    public CompiledQuery {
      body = List.copyOf(body);
      vars = List.copyOf(vars);
    }
  }

  public static Result compile(List<Module> modules) {
    Compiler c = new Compiler();
    c.run(modules);
    return new Result(c.root, c.errors, c.functionArity);
  }

  private void run(List<Module> modules) {
    Map<String, Set<String>> ruleNames = new HashMap<>();
    for (Module m : modules) {
      Set<String> names = ruleNames.computeIfAbsent(String.join(".", m.pkg()), k -> new HashSet<>());
      for (Rule r : m.rules()) {
        Head.name(r.head().ref().get(0)).ifPresent(names::add);
        if (r.head() instanceof Head.Function f) {
          functionArity.put(fullName(m.pkg(), f.ref()), f.args().size());
        }
      }
    }
    for (Module m : modules) {
      Map<String, List<String>> imports = new HashMap<>();
      for (Import i : m.imports()) {
        i.boundName().ifPresent(n -> imports.put(n, i.path()));
      }
      Set<String> names = ruleNames.get(String.join(".", m.pkg()));
      for (Rule r : m.rules()) {
        Rule compiled = compileRule(r, m.pkg(), imports, names);
        place(m.pkg(), compiled);
      }
    }
    root.freeze();
    RecursionCheck.check(root, errors);
  }

  private static String fullName(List<String> pkg, List<Term> ref) {
    StringBuilder sb = new StringBuilder("data");
    pkg.forEach(p -> sb.append('.').append(p));
    for (Term t : ref) {
      Head.name(t).ifPresent(n -> sb.append('.').append(n));
    }
    return sb.toString();
  }

  private Rule compileRule(Rule r, List<String> pkg, Map<String, List<String>> imports, Set<String> names) {
    Set<String> locals = new HashSet<>();
    Vars.declared(r.body(), locals);
    // comprehensions in the head declare their own locals too
    Term headValue = switch (r.head()) {
      case Head.Single s -> s.value();
      case Head.Contains c -> c.key();
      case Head.Function f -> f.value();
    };
    Vars.declared(List.of(new Literal(new io.sluice.policies.rego.ast.Expr.TermExpr(headValue), false, List.of(),
        headValue.pos())), locals);
    if (r.head() instanceof Head.Function f) {
      f.args().forEach(a -> locals.addAll(Vars.all(a)));
    }
    Resolver res = new Resolver(pkg, imports, names, locals, functionArity.keySet());
    Head head = switch (r.head()) {
      case Head.Single s -> new Head.Single(resolveRef(res, s.ref()), res.term(s.value()));
      case Head.Contains c -> new Head.Contains(resolveRef(res, c.ref()), res.term(c.key()));
      case Head.Function f -> new Head.Function(f.ref(), res.terms(f.args()), res.term(f.value()));
    };
    List<Literal> body = new ArrayList<>(res.body(r.body()));
    if (!r.isDefault()) {
      head = hoist(head, body);
    }
    Set<String> bound0 = new HashSet<>();
    Set<String> headVars = new LinkedHashSet<>();
    switch (head) {
      case Head.Function f -> {
        f.args().forEach(a -> bound0.addAll(Vars.all(a)));
        headVars.addAll(Vars.all(f.value()));
      }
      case Head.Single s -> {
        s.ref().subList(1, s.ref().size()).forEach(t -> headVars.addAll(Vars.all(t)));
        headVars.addAll(Vars.all(s.value()));
      }
      case Head.Contains c -> {
        c.ref().subList(1, c.ref().size()).forEach(t -> headVars.addAll(Vars.all(t)));
        headVars.addAll(Vars.all(c.key()));
      }
    }
    Set<String> outer = new HashSet<>(bound0);
    outer.addAll(headVars);
    body = new ArrayList<>(new Shadowing().apply(body, outer));
    new CallCheck(functionArity.keySet(), errors).check(body);
    Safety safety = new Safety(this::arity, errors);
    Safety.Ordered ordered = safety.order(body, bound0, headVars);
    if (ordered.body().size() == body.size()) {
      safety.check(headVars, ordered.bound(), r.pos());
    }
    Optional<Rule> elseRule = r.elseRule().map(e -> compileRule(e, pkg, imports, names));
    return new Rule(head, ordered.body(), elseRule, r.isDefault(), r.pos());
  }

  /**
   * Moves a computed head value into the body ({@code p := f(x)} becomes
   * {@code p := $h if { ...; $h := f(x) }}), as OPA does, so that comprehensions and ref
   * iteration in heads are ordered and checked like any other statement.
   */
  private Head hoist(Head head, List<Literal> body) {
    return switch (head) {
      case Head.Single s when needsHoist(s.value()) -> new Head.Single(s.ref(), hoisted(s.value(), body));
      case Head.Contains c when needsHoist(c.key()) -> new Head.Contains(c.ref(), hoisted(c.key(), body));
      case Head.Function f when needsHoist(f.value()) -> new Head.Function(f.ref(), f.args(), hoisted(f.value(), body));
      default -> head;
    };
  }

  private static boolean needsHoist(Term t) {
    return !(t instanceof Term.Scalar) && !(t instanceof Term.Var);
  }

  private Term hoisted(Term value, List<Literal> body) {
    Term.Var v = new Term.Var("$h" + (hoists++), value.pos());
    body.add(new Literal(new io.sluice.policies.rego.ast.Expr.Assign(v, value), false, List.of(), value.pos()));
    return v;
  }

  private int hoists;

  private static List<Term> resolveRef(Resolver res, List<Term> ref) {
    List<Term> out = new ArrayList<>();
    out.add(ref.get(0));
    for (Term t : ref.subList(1, ref.size())) {
      out.add(res.term(t));
    }
    return out;
  }

  int arity(String name) {
    Integer a = functionArity.get(name);
    if (a != null) {
      return a;
    }
    return Builtins.arity(name);
  }

  private void place(List<String> pkg, Rule r) {
    List<String> path = new ArrayList<>(pkg);
    List<Term> ref = r.head().ref();
    int i = 0;
    while (i < ref.size() && ref.get(i) instanceof Term.Scalar s && s.value() instanceof Value.Str str) {
      path.add(str.value());
      i++;
    }
    List<Term> suffix = ref.subList(i, ref.size());
    RuleNode node = root;
    for (String p : path) {
      node = node.childOrCreate(p, () -> ids++);
    }
    CompiledRule cr = new CompiledRule(r, path, suffix);
    switch (r.head()) {
      case Head.Function f -> {
        if (r.isDefault()) {
          node.setDefault(cr);
        } else {
          node.functions().add(cr);
        }
      }
      case Head.Single s -> {
        if (!suffix.isEmpty()) {
          node.dynamic().add(cr);
        } else if (r.isDefault()) {
          if (node.defaultRule().isPresent()) {
            errors.add(new RegoError("rego_type_error", "multiple default rules " + cr.name() + " found", r.pos()));
          }
          node.setDefault(cr);
        } else {
          node.complete().add(cr);
        }
      }
      case Head.Contains c -> {
        if (suffix.isEmpty()) {
          node.contains().add(cr);
        } else {
          node.dynamic().add(cr);
        }
      }
    }
    if (!node.contains().isEmpty() && (!node.complete().isEmpty() || !node.functions().isEmpty())) {
      errors.add(new RegoError("rego_type_error", "conflicting rules " + cr.name() + " found", r.pos()));
    }
  }

  /** Resolves and orders a query (no package, no imports). */
  public static CompiledQuery compileQuery(List<Literal> query, Map<String, Integer> functionArity,
      List<RegoError> errors) {
    Set<String> locals = new HashSet<>();
    Vars.declared(query, locals);
    Resolver res = new Resolver(List.of(), Map.of(), Set.of(), locals, functionArity.keySet());
    List<Literal> body = new Shadowing().apply(res.body(query), Set.of());
    new CallCheck(functionArity.keySet(), errors).check(body);
    Safety safety = new Safety(n -> functionArity.containsKey(n) ? functionArity.get(n) : Builtins.arity(n), errors);
    Safety.Ordered ordered = safety.order(body, Set.of(), Set.of());
    List<String> vars = new ArrayList<>();
    for (Literal l : query) {
      for (String v : Vars.all(List.of(l))) {
        if (!v.startsWith("$") && !v.equals("input") && !v.equals("data") && !vars.contains(v)
            && isTopLevel(v, l)) {
          vars.add(v);
        }
      }
    }
    // like OPA's rego package: expression values are captured, and also tested for truth when
    // the query has several expressions or iterates
    boolean checkCapture = query.size() > 1 || !Vars.all(query).isEmpty();
    return new CompiledQuery(ordered.body(), vars, checkCapture);
  }

  private static boolean isTopLevel(String v, Literal l) {
    return Vars.shallow(l).contains(v);
  }
}
