package io.sluice.policies.rego.ast;

import io.sluice.policies.rego.SourcePos;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code import data.a.b as c}; path holds the string segments including the root. */
public record Import(List<String> path, Optional<String> alias, SourcePos pos) {
  public Import {
    path = List.copyOf(path);
    Objects.requireNonNull(alias, "alias is null");
    Objects.requireNonNull(pos, "pos is null");
  }

  /** The name the import binds in the module, if it binds one. */
  public Optional<String> boundName() {
    if (alias.isPresent()) {
      return alias;
    }
    String root = path.get(0);
    if (!root.equals("data") && !root.equals("input")) {
      return Optional.empty();
    }
    return Optional.of(path.get(path.size() - 1));
  }
}
