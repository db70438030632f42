package io.sluice.policies.rego.ast;

import io.sluice.policies.rego.SourcePos;
import java.util.Objects;

/** {@code with target as value}. */
public record With(Term target, Term value, SourcePos pos) {
  public With {
    Objects.requireNonNull(target, "target is null");
    Objects.requireNonNull(value, "value is null");
    Objects.requireNonNull(pos, "pos is null");
  }
}
