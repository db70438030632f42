package io.sluice.policies.rego;

import java.util.Objects;

/** One error with OPA's code (e.g. rego_parse_error, eval_conflict_error) and a position. */
public record RegoError(String code, String message, SourcePos pos) {
  public RegoError {
    Objects.requireNonNull(code, "code is null");
    Objects.requireNonNull(message, "message is null");
    Objects.requireNonNull(pos, "pos is null");
  }

  /** OPA's text form: {@code file:line: code: message}. */
  @Override
  public String toString() {
    if (pos.line() == 0) {
      return code + ": " + message;
    }
    return pos.file() + ":" + pos.line() + ": " + code + ": " + message;
  }
}
