package io.sluice.policies.rego.builtins;

import io.sluice.policies.rego.value.Value;
import java.util.List;
import java.util.Optional;

/** A built-in function: name, arity, implementation. Empty result means undefined. */
public record Builtin(String name, int arity, Impl impl) {
  public Builtin {
    java.util.Objects.requireNonNull(name, "name is null");
    java.util.Objects.requireNonNull(impl, "impl is null");
  }

  /** The implementation; receives exactly {@code arity} arguments. */
  @FunctionalInterface
  public interface Impl {
    Optional<Value> apply(List<Value> args, BuiltinContext ctx);
  }
}
