package io.sluice.policies.rego.eval;

import io.sluice.policies.rego.value.Value;
import java.util.Arrays;
import java.util.Optional;

/**
 * Variable bindings of one rule, function or query invocation. Bindings are added before a
 * continuation runs and removed when it returns, so backtracking needs no copies. Scopes are
 * small and names are interned by {@link io.sluice.policies.rego.ast.Term.Var}, so a linear
 * scan comparing by identity beats hashing.
 */
final class Env {
  // most rule and function bodies bind a handful of variables; grown on demand
  private String[] names = new String[4];
  private Value[] values = new Value[4];
  private int size;

  private int index(String name) {
    // names come from Term.Var, which interns them
    for (int i = size - 1; i >= 0; i--) {
      if (names[i] == name) {
        return i;
      }
    }
    return -1;
  }

  Optional<Value> get(String name) {
    return Optional.ofNullable(raw(name));
  }

  Value raw(String name) {
    int i = index(name);
    return i < 0 ? null : values[i];
  }

  boolean bound(String name) {
    return index(name) >= 0;
  }

  /**
   * Binds an unbound variable. Every caller has just found it unbound (a variable is bound
   * once and unbound on backtracking), so this pushes without searching.
   */
  void bind(String name, Value v) {
    assert index(name) < 0 : name + " is already bound";
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size] = v;
    size++;
  }

  void unbind(String name) {
    // bindings are undone in reverse order, so this is almost always the last slot
    int i = size > 0 && names[size - 1] == name ? size - 1 : index(name);
    if (i < 0) {
      return;
    }
    if (i < size - 1) {
      System.arraycopy(names, i + 1, names, i, size - i - 1);
      System.arraycopy(values, i + 1, values, i, size - i - 1);
    }
    size--;
    names[size] = null;
    values[size] = null;
  }
}
