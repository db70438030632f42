package io.sluice.policies.rego.compiler;

import io.sluice.policies.rego.ast.Rule;
import io.sluice.policies.rego.ast.Term;
import java.util.List;
import java.util.Objects;

/**
 * A rule after resolution and body ordering, placed at the tree node of its constant ref
 * prefix; {@code suffix} holds the rest of the head ref (variable keys).
 */
public record CompiledRule(Rule rule, List<String> path, List<Term> suffix) {
  public CompiledRule {
    Objects.requireNonNull(rule, "rule is null");
    path = List.copyOf(path);
    suffix = List.copyOf(suffix);
  }

  /** {@code data.a.b} form, used in messages. */
  public String name() {
    return "data." + String.join(".", path);
  }
}
