package io.sluice.policies.rego;

import java.util.List;

/** A runtime error: conflicts, strict built-in errors, type errors. */
public final class RegoEvalException extends RegoException {
  public RegoEvalException(RegoError error) {
    super(List.of(error));
  }

  public RegoError error() {
    return errors().get(0);
  }

  public String code() {
    return error().code();
  }
}
