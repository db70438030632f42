package io.sluice.policies.rego.ast;

import io.sluice.policies.rego.SourcePos;
import java.util.List;
import java.util.Objects;

/** A parsed .rego file. */
public record Module(String file, List<String> pkg, List<Import> imports, List<Rule> rules, SourcePos pos) {
  public Module {
    Objects.requireNonNull(file, "file is null");
    pkg = List.copyOf(pkg);
    imports = List.copyOf(imports);
    rules = List.copyOf(rules);
    Objects.requireNonNull(pos, "pos is null");
  }
}
