package io.sluice.policies.rego.eval;

import io.sluice.policies.rego.compiler.RuleNode;
import io.sluice.policies.rego.value.Value;

/**
 * Memo key for a user-function call within one evaluation: the function's node (compared by
 * identity) and the arguments. Scalars and objects compare by value: an object caches its hash,
 * and objects of equal hash are nearly always equal (the same column described for two tables),
 * so the call is then answered from the memo. Arrays and sets compare by identity (they are
 * usually the very same input sub-document), so building a key never hashes or compares a
 * whole array.
 */
final class FnKey {
  private final RuleNode fn;
  private final Value[] args;
  private final int hash;

  FnKey(RuleNode fn, Value[] args) {
    this.fn = fn;
    this.args = args;
    int h = fn.id();
    for (Value a : args) {
      h = 31 * h + (byValue(a) ? a.hashCode() : System.identityHashCode(a));
    }
    this.hash = h;
  }

  private static boolean byValue(Value v) {
    return !(v instanceof Value.Arr || v instanceof Value.SetV);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FnKey k) || k.fn != fn || k.args.length != args.length) {
      return false;
    }
    for (int i = 0; i < args.length; i++) {
      Value a = args[i];
      Value b = k.args[i];
      if (a != b && (!byValue(a) || !a.equals(b))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
