package io.sluice.policies.rego.ast;

import java.util.List;
import java.util.Optional;

/**
 * Rule heads. The ref is the rule's path below its package: {@code p}, {@code a.b[x]}; its
 * first element is always a string.
 */
public sealed interface Head permits Head.Single, Head.Contains, Head.Function {
  List<Term> ref();

  /** {@code ref := value} (value defaults to true); covers complete and partial-object rules. */
  record Single(List<Term> ref, Term value) implements Head {
    public Single {
      ref = List.copyOf(ref);
      java.util.Objects.requireNonNull(value, "value is null");
    }
  }

  /** {@code ref contains key}. */
  record Contains(List<Term> ref, Term key) implements Head {
    public Contains {
      ref = List.copyOf(ref);
      java.util.Objects.requireNonNull(key, "key is null");
    }
  }

  /** {@code ref(args) := value}. */
  record Function(List<Term> ref, List<Term> args, Term value) implements Head {
    public Function {
      ref = List.copyOf(ref);
      args = List.copyOf(args);
      java.util.Objects.requireNonNull(value, "value is null");
    }
  }

  static Optional<String> name(Term t) {
    return switch (t) {
      case Term.Scalar s when s.value() instanceof io.sluice.policies.rego.value.Value.Str str -> Optional.of(str.value());
      case Term.Var v -> Optional.of(v.name());
      default -> Optional.empty();
    };
  }
}
