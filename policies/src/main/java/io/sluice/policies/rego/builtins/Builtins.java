package io.sluice.policies.rego.builtins;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of built-in functions, filled once from one class per category. Immutable
 * after class initialisation and therefore safe to share.
 */
public final class Builtins {
  private static final HashMap<String, Builtin> ALL;

  static {
    Registry r = new Registry();
    Operators.register(r);
    Aggregates.register(r);
    Strings.register(r);
    Regex.register(r);
    SetsAndObjects.register(r);
    Types.register(r);
    Encoding.register(r);
    Time.register(r);
    Misc.register(r);
    // a plain HashMap, never written after this initialiser: Map.copyOf's open addressing
    // probes several names per lookup and an unmodifiable wrapper adds a call, while every
    // built-in call of every evaluation looks its function up here
    ALL = new HashMap<>(r.map);
  }

  private Builtins() {}

  /** Collects registrations; each category calls {@link #add}. */
  public static final class Registry {
    private final Map<String, Builtin> map = new HashMap<>();

    public void add(String name, int arity, Builtin.Impl impl) {
      map.put(name, new Builtin(name, arity, impl));
    }
  }

  public static Optional<Builtin> get(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** The built-in of that name, or null: for the evaluator's per-call lookup, without an Optional. */
  public static Builtin find(String name) {
    return ALL.get(name);
  }

  /** Arity of a built-in, or -1 when unknown; {@code walk} is handled by the evaluator. */
  public static int arity(String name) {
    if (name.equals("walk")) {
      return 1;
    }
    if (name.equals("print")) {
      return -1;
    }
    Builtin b = ALL.get(name);
    return b == null ? -1 : b.arity();
  }

  public static boolean exists(String name) {
    return ALL.containsKey(name) || name.equals("walk") || name.equals("print");
  }
}
