package io.sluice.policies.rego;

import java.util.List;

/** Parse, safety, recursion or type errors found before evaluation. */
public final class RegoCompileException extends RegoException {
  public RegoCompileException(List<RegoError> errors) {
    super(errors);
  }
}
