package io.sluice.policies.rego.builtins;

import java.util.function.Consumer;

/** What a built-in may see of the running evaluation: a fixed clock and the print sink. */
public record BuiltinContext(long nowNanos, Consumer<String> printer) {
  public BuiltinContext {
    java.util.Objects.requireNonNull(printer, "printer is null");
  }
}
