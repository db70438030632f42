package io.sluice.policies.rego.builtins;

/**
 * A built-in failed. {@code typeError} selects OPA's eval_type_error over eval_builtin_error.
 * Non-strict evaluation turns these into "undefined", as OPA does.
 */
public final class BuiltinException extends RuntimeException {
  private final boolean typeError;

  public BuiltinException(String message, boolean typeError) {
    super(message, null, false, false);
    this.typeError = typeError;
  }

  public static BuiltinException type(String message) {
    return new BuiltinException(message, true);
  }

  public static BuiltinException error(String message) {
    return new BuiltinException(message, false);
  }

  public boolean typeError() {
    return typeError;
  }
}
