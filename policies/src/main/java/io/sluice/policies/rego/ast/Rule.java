package io.sluice.policies.rego.ast;

import io.sluice.policies.rego.SourcePos;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A rule: head, body, optional else chain, default flag. */
public record Rule(Head head, List<Literal> body, Optional<Rule> elseRule, boolean isDefault, SourcePos pos) {
  public Rule {
    Objects.requireNonNull(head, "head is null");
    body = List.copyOf(body);
    Objects.requireNonNull(elseRule, "elseRule is null");
    Objects.requireNonNull(pos, "pos is null");
  }
}
