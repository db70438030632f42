package io.sluice.policies.rego.builtins;

import io.sluice.policies.rego.value.Value;
import java.util.Optional;

/** is_* and type_name. */
final class Types {
  private Types() {}

  static void register(Builtins.Registry r) {
    r.add("is_number", 1, (a, c) -> Optional.of(Value.bool(a.get(0) instanceof Value.Num)));
    r.add("is_string", 1, (a, c) -> Optional.of(Value.bool(a.get(0) instanceof Value.Str)));
    r.add("is_boolean", 1, (a, c) -> Optional.of(Value.bool(a.get(0) instanceof Value.Bool)));
    r.add("is_array", 1, (a, c) -> Optional.of(Value.bool(a.get(0) instanceof Value.Arr)));
    r.add("is_set", 1, (a, c) -> Optional.of(Value.bool(a.get(0) instanceof Value.SetV)));
    r.add("is_object", 1, (a, c) -> Optional.of(Value.bool(a.get(0) instanceof Value.Obj)));
    r.add("is_null", 1, (a, c) -> Optional.of(Value.bool(a.get(0) instanceof Value.Null)));
    r.add("type_name", 1, (a, c) -> Optional.of(Value.str(a.get(0).typeName())));
  }
}
