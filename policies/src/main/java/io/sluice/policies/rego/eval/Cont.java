package io.sluice.policies.rego.eval;

/** A continuation: the rest of the evaluation. Returns true to stop enumerating. */
@FunctionalInterface
interface Cont {
  boolean run();
}
