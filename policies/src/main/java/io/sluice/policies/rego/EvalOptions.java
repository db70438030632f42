package io.sluice.policies.rego;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Per-evaluation options. {@code strictBuiltinErrors} makes built-in errors fail the query
 * instead of making the expression undefined (OPA's --strict-builtin-errors). {@code timeout}
 * (zero = none) aborts an evaluation with {@code eval_cancel_error}, so a caller can fail closed.
 */
public record EvalOptions(boolean strictBuiltinErrors, Consumer<String> printer, long nowNanos, Duration timeout) {
  public EvalOptions {
    Objects.requireNonNull(printer, "printer is null");
    Objects.requireNonNull(timeout, "timeout is null");
  }

  /** Lenient built-ins, print to stderr, clock read at evaluation time, no timeout. */
  public static EvalOptions defaults() {
    return new EvalOptions(false, System.err::println, -1, Duration.ZERO);
  }

  public EvalOptions withStrict(boolean strict) {
    return new EvalOptions(strict, printer, nowNanos, timeout);
  }

  public EvalOptions withNow(long nanos) {
    return new EvalOptions(strictBuiltinErrors, printer, nanos, timeout);
  }

  public EvalOptions withPrinter(Consumer<String> p) {
    return new EvalOptions(strictBuiltinErrors, p, nowNanos, timeout);
  }

  public EvalOptions withTimeout(Duration t) {
    return new EvalOptions(strictBuiltinErrors, printer, nowNanos, t);
  }
}
