package io.sluice.policies.rego;

import java.util.List;

/** Root of the policy engine's exceptions; carries one or more OPA-shaped errors. */
public abstract sealed class RegoException extends RuntimeException
    permits RegoCompileException, RegoEvalException {
  private final List<RegoError> errors;

  protected RegoException(List<RegoError> errors) {
    super(errors.isEmpty() ? "unknown error" : summary(errors));
    this.errors = List.copyOf(errors);
  }

  private static String summary(List<RegoError> errors) {
    if (errors.size() == 1) {
      return errors.get(0).toString();
    }
    StringBuilder sb = new StringBuilder(errors.size() + " errors occurred:");
    errors.forEach(e -> sb.append('\n').append(e));
    return sb.toString();
  }

  public List<RegoError> errors() {
    return errors;
  }
}
