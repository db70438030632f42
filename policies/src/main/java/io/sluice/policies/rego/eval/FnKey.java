package io.sluice.policies.rego.eval;

import io.sluice.policies.rego.value.Value;

/**
 * Memo key for a user-function call within one evaluation. Composite arguments compare by
 * identity (they are usually the very same input sub-document), so building the key never
 * hashes a whole document; scalars compare by value.
 */
final class FnKey {
  private final String name;
  private final Value[] args;
  private final int hash;

  FnKey(String name, Value[] args) {
    this.name = name;
    this.args = args;
    int h = name.hashCode();
    for (Value a : args) {
      h = 31 * h + (scalar(a) ? a.hashCode() : System.identityHashCode(a));
    }
    this.hash = h;
  }

  private static boolean scalar(Value v) {
    return !(v instanceof Value.Arr || v instanceof Value.Obj || v instanceof Value.SetV);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FnKey k) || !k.name.equals(name) || k.args.length != args.length) {
      return false;
    }
    for (int i = 0; i < args.length; i++) {
      Value a = args[i];
      Value b = k.args[i];
      if (scalar(a) ? !a.equals(b) : a != b) {
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
