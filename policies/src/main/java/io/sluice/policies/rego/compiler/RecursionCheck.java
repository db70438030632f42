package io.sluice.policies.rego.compiler;

import io.sluice.policies.rego.RegoError;
import io.sluice.policies.rego.ast.Head;
import io.sluice.policies.rego.ast.Literal;
import io.sluice.policies.rego.ast.Rule;
import io.sluice.policies.rego.ast.Term;
import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rejects recursive rules: builds node-to-node dependencies and searches for a cycle. */
final class RecursionCheck {
  private final RuleNode root;
  private final Map<RuleNode, Set<RuleNode>> deps = new java.util.LinkedHashMap<>();

  private RecursionCheck(RuleNode root) {
    this.root = root;
  }

  static void check(RuleNode root, List<RegoError> errors) {
    RecursionCheck rc = new RecursionCheck(root);
    rc.collect(root);
    Map<RuleNode, Integer> state = new HashMap<>();
    for (RuleNode n : rc.deps.keySet()) {
      List<RuleNode> stack = new ArrayList<>();
      if (rc.dfs(n, state, stack, errors)) {
        return;
      }
    }
  }

  private boolean dfs(RuleNode n, Map<RuleNode, Integer> state, List<RuleNode> stack, List<RegoError> errors) {
    Integer s = state.get(n);
    if (s != null && s == 2) {
      return false;
    }
    if (s != null && s == 1) {
      List<RuleNode> cycle = stack.subList(stack.indexOf(n), stack.size());
      StringBuilder sb = new StringBuilder();
      for (RuleNode c : cycle) {
        sb.append(c.name()).append(" -> ");
      }
      sb.append(n.name());
      errors.add(new RegoError("rego_recursion_error", "rule " + n.name() + " is recursive: " + sb,
          n.allRules().get(0).rule().pos()));
      return true;
    }
    state.put(n, 1);
    stack.add(n);
    for (RuleNode d : deps.getOrDefault(n, Set.of())) {
      if (dfs(d, state, stack, errors)) {
        return true;
      }
    }
    stack.remove(stack.size() - 1);
    state.put(n, 2);
    return false;
  }

  private void collect(RuleNode n) {
    if (!n.allRules().isEmpty()) {
      Set<RuleNode> out = new LinkedHashSet<>();
      for (CompiledRule r : n.allRules()) {
        rule(r.rule(), out);
      }
      deps.put(n, out);
    }
    n.children().values().forEach(this::collect);
  }

  /** Collects the constant prefixes of data refs and user-function calls. */
  private static final class RefCollector extends Rewriter {
    final Set<List<String>> refs = new LinkedHashSet<>();

    @Override
    Term term(Term t) {
      if (t instanceof Term.Ref ref && ref.head() instanceof Term.Var v && v.name().equals("data")) {
        List<String> p = new ArrayList<>();
        for (Term x : ref.path()) {
          if (x instanceof Term.Scalar s && s.value() instanceof Value.Str str) {
            p.add(str.value());
          } else {
            break;
          }
        }
        refs.add(p);
      }
      if (t instanceof Term.Call c && c.name().startsWith("data.")) {
        refs.add(List.of(c.name().substring(5).split("\\.")));
      }
      return super.term(t);
    }

    @Override
    Literal literal(Literal l) {
      // a with-modified statement may legitimately mock the rule it sits in
      return l.withs().isEmpty() ? super.literal(l) : l;
    }
  }

  private void rule(Rule r, Set<RuleNode> out) {
    RefCollector rc = new RefCollector();
    rc.body(r.body());
    switch (r.head()) {
      case Head.Single s -> rc.term(s.value());
      case Head.Contains c -> rc.term(c.key());
      case Head.Function f -> rc.term(f.value());
    }
    r.elseRule().ifPresent(e -> rule(e, out));
    for (List<String> p : rc.refs) {
      RuleNode n = root;
      boolean stopped = false;
      for (String s : p) {
        if (!n.allRules().isEmpty()) {
          out.add(n);
        }
        var c = n.child(s);
        if (c.isEmpty()) {
          stopped = true;
          break;
        }
        n = c.get();
      }
      if (stopped) {
        if (!n.allRules().isEmpty()) {
          out.add(n);
        }
      } else {
        subtree(n, out);
      }
    }
  }

  private void subtree(RuleNode n, Set<RuleNode> out) {
    if (!n.allRules().isEmpty()) {
      out.add(n);
    }
    n.children().values().forEach(c -> subtree(c, out));
  }
}
