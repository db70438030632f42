package io.sluice.policies.rego.eval;

import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** The {@code walk} relation: every [path, value] pair of a document, pre-order. */
final class Walk {
  private Walk() {}

  static boolean walk(Value root, VCont k) {
    return visit(new ArrayList<>(), root, k);
  }

  private static boolean visit(List<Value> path, Value v, VCont k) {
    if (k.accept(new Value.Arr(List.of(new Value.Arr(path), v)))) {
      return true;
    }
    switch (v) {
      case Value.Arr a -> {
        for (int i = 0; i < a.items().size(); i++) {
          if (child(path, Value.num(i), a.items().get(i), k)) {
            return true;
          }
        }
      }
      case Value.Obj o -> {
        for (int i = 0; i < o.size(); i++) {
          if (child(path, o.key(i), o.value(i), k)) {
            return true;
          }
        }
      }
      case Value.SetV s -> {
        for (Value x : s.items()) {
          if (child(path, x, x, k)) {
            return true;
          }
        }
      }
      default -> { }
    }
    return false;
  }

  private static boolean child(List<Value> path, Value key, Value v, VCont k) {
    path.add(key);
    try {
      return visit(path, v, k);
    } finally {
      path.remove(path.size() - 1);
    }
  }
}
