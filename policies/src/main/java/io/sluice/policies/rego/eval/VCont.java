package io.sluice.policies.rego.eval;

import io.sluice.policies.rego.value.Value;

/** A continuation receiving one value of a term. Returns true to stop enumerating. */
@FunctionalInterface
interface VCont {
  boolean accept(Value v);
}
