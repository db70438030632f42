package io.sluice.policies.rego.builtins;

import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Set, object and JSON-document built-ins. */
final class SetsAndObjects {
  private SetsAndObjects() {}

  static void register(Builtins.Registry r) {
    r.add("union", 1, (a, c) -> {
      Args x = new Args("union", a);
      TreeSet<Value> out = new TreeSet<>();
      for (Value v : x.set(0).items()) {
        if (!(v instanceof Value.SetV s)) {
          throw x.typeErr(0, "set of sets");
        }
        out.addAll(s.items());
      }
      return Optional.of(new Value.SetV(out));
    });
    r.add("intersection", 1, (a, c) -> {
      Args x = new Args("intersection", a);
      TreeSet<Value> out = null;
      for (Value v : x.set(0).items()) {
        if (!(v instanceof Value.SetV s)) {
          throw x.typeErr(0, "set of sets");
        }
        if (out == null) {
          out = new TreeSet<>(s.items());
        } else {
          out.retainAll(s.items());
        }
      }
      return Optional.of(new Value.SetV(out == null ? new TreeSet<>() : out));
    });
    r.add("object.get", 3, (a, c) -> {
      Args x = new Args("object.get", a);
      Value.Obj o = x.obj(0);
      Value key = a.get(1);
      if (key instanceof Value.Arr path) {
        Value cur = o;
        for (Value k : path.items()) {
          cur = lookup(cur, k);
          if (cur == null) {
            return Optional.of(a.get(2));
          }
        }
        return Optional.of(cur);
      }
      return Optional.of(o.get(key).orElse(a.get(2)));
    });
    r.add("object.keys", 1, (a, c) -> Optional.of(new Value.SetV(
        new TreeSet<>(new Args("object.keys", a).obj(0).entries().keySet()))));
    r.add("object.union", 2, (a, c) -> {
      Args x = new Args("object.union", a);
      return Optional.of(merge(x.obj(0), x.obj(1)));
    });
    r.add("object.union_n", 1, (a, c) -> {
      Args x = new Args("object.union_n", a);
      Value out = Value.EMPTY_OBJECT;
      for (Value v : x.arr(0).items()) {
        if (!(v instanceof Value.Obj o)) {
          throw x.typeErr(0, "array of objects");
        }
        out = merge((Value.Obj) out, o);
      }
      return Optional.of(out);
    });
    r.add("object.remove", 2, (a, c) -> {
      Args x = new Args("object.remove", a);
      Value.Obj o = x.obj(0);
      Set<Value> keys = keySet(x, 1);
      TreeMap<Value, Value> m = new TreeMap<>(o.entries());
      keys.forEach(m::remove);
      return Optional.of(new Value.Obj(m));
    });
    r.add("object.filter", 2, (a, c) -> {
      Args x = new Args("object.filter", a);
      Value.Obj o = x.obj(0);
      Set<Value> keys = keySet(x, 1);
      TreeMap<Value, Value> m = new TreeMap<>();
      o.entries().forEach((k, v) -> {
        if (keys.contains(k)) {
          m.put(k, v);
        }
      });
      return Optional.of(new Value.Obj(m));
    });
    r.add("object.subset", 2, (a, c) -> Optional.of(Value.bool(subset(a.get(0), a.get(1)))));
    r.add("json.filter", 2, (a, c) -> {
      Args x = new Args("json.filter", a);
      Value.Obj o = x.obj(0);
      List<List<Value>> paths = paths(x, 1);
      return Optional.of(filter(o, paths));
    });
    r.add("json.remove", 2, (a, c) -> {
      Args x = new Args("json.remove", a);
      Value.Obj o = x.obj(0);
      Value out = o;
      for (List<Value> p : paths(x, 1)) {
        out = remove(out, p, 0);
      }
      return Optional.of(out);
    });
  }

  static Value lookup(Value cur, Value key) {
    return switch (cur) {
      case Value.Obj o -> o.getOrNull(key);
      case Value.Arr arr -> key instanceof Value.Num n && n.asInt().isPresent() && n.asInt().getAsInt() >= 0
          && n.asInt().getAsInt() < arr.items().size() ? arr.items().get(n.asInt().getAsInt()) : null;
      case Value.SetV s -> s.items().contains(key) ? key : null;
      default -> null;
    };
  }

  private static Value.Obj merge(Value.Obj a, Value.Obj b) {
    TreeMap<Value, Value> m = new TreeMap<>(a.entries());
    b.entries().forEach((k, v) -> {
      Value prev = m.get(k);
      if (prev instanceof Value.Obj po && v instanceof Value.Obj vo) {
        m.put(k, merge(po, vo));
      } else {
        m.put(k, v);
      }
    });
    return new Value.Obj(m);
  }

  private static Set<Value> keySet(Args x, int i) {
    return switch (x.get(i)) {
      case Value.Arr arr -> new HashSet<>(arr.items());
      case Value.SetV s -> new HashSet<>(s.items());
      case Value.Obj o -> new HashSet<>(o.entries().keySet());
      default -> throw x.typeErr(i, "one of {object, set, array}");
    };
  }

  private static boolean subset(Value sup, Value sub) {
    if (sup instanceof Value.Obj a && sub instanceof Value.Obj b) {
      for (Map.Entry<Value, Value> e : b.entries().entrySet()) {
        Value v = a.entries().get(e.getKey());
        if (v == null || !subset(v, e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (sup instanceof Value.SetV a && sub instanceof Value.SetV b) {
      return a.items().containsAll(b.items());
    }
    if (sup instanceof Value.Arr a && sub instanceof Value.Arr b) {
      return java.util.Collections.indexOfSubList(a.items(), b.items()) >= 0;
    }
    return sup.equals(sub);
  }

  private static List<List<Value>> paths(Args x, int i) {
    List<List<Value>> out = new ArrayList<>();
    for (Value p : x.collection(i)) {
      switch (p) {
        case Value.Str s -> {
          List<Value> parts = new ArrayList<>();
          for (String part : s.value().replaceAll("^/+", "").split("/", -1)) {
            parts.add(Value.str(part.replace("~1", "/").replace("~0", "~")));
          }
          out.add(parts);
        }
        case Value.Arr arr -> out.add(arr.items());
        default -> throw x.typeErr(i, "one of {set, array} containing string paths or array of path segments");
      }
    }
    return out;
  }

  private static Value filter(Value v, List<List<Value>> paths) {
    for (List<Value> p : paths) {
      if (p.isEmpty() || (p.size() == 1 && p.get(0).equals(Value.str("")))) {
        return v;
      }
    }
    TreeMap<Value, List<List<Value>>> byHead = new TreeMap<>();
    for (List<Value> p : paths) {
      byHead.computeIfAbsent(p.get(0), k -> new ArrayList<>()).add(p.subList(1, p.size()));
    }
    switch (v) {
      case Value.Obj o -> {
        TreeMap<Value, Value> m = new TreeMap<>();
        byHead.forEach((k, rest) -> {
          Value child = o.getOrNull(k);
          if (child != null) {
            m.put(k, rest.stream().anyMatch(List::isEmpty) ? child : filter(child, rest));
          }
        });
        return new Value.Obj(m);
      }
      case Value.Arr arr -> {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < arr.items().size(); i++) {
          List<List<Value>> rest = restFor(byHead, Value.num(i), Value.str(Integer.toString(i)));
          if (rest != null) {
            out.add(rest.stream().anyMatch(List::isEmpty) ? arr.items().get(i) : filter(arr.items().get(i), rest));
          }
        }
        return new Value.Arr(out);
      }
      case Value.SetV s -> {
        TreeSet<Value> out = new TreeSet<>();
        for (Value e : s.items()) {
          if (byHead.containsKey(e)) {
            out.add(e);
          }
        }
        return new Value.SetV(out);
      }
      default -> {
        return v;
      }
    }
  }

  private static List<List<Value>> restFor(TreeMap<Value, List<List<Value>>> byHead, Value a, Value b) {
    List<List<Value>> r = byHead.get(a);
    return r != null ? r : byHead.get(b);
  }

  private static Value remove(Value v, List<Value> path, int i) {
    if (i >= path.size()) {
      return v;
    }
    Value key = path.get(i);
    boolean last = i == path.size() - 1;
    switch (v) {
      case Value.Obj o -> {
        if (!o.entries().containsKey(key)) {
          return v;
        }
        TreeMap<Value, Value> m = new TreeMap<>(o.entries());
        if (last) {
          m.remove(key);
        } else {
          m.put(key, remove(m.get(key), path, i + 1));
        }
        return new Value.Obj(m);
      }
      case Value.Arr arr -> {
        int idx = -1;
        if (key instanceof Value.Num n && n.asInt().isPresent()) {
          idx = n.asInt().getAsInt();
        } else if (key instanceof Value.Str s && s.value().matches("\\d+")) {
          idx = Integer.parseInt(s.value());
        }
        if (idx < 0 || idx >= arr.items().size()) {
          return v;
        }
        List<Value> out = new ArrayList<>(arr.items());
        if (last) {
          out.remove(idx);
        } else {
          out.set(idx, remove(out.get(idx), path, i + 1));
        }
        return new Value.Arr(out);
      }
      case Value.SetV s -> {
        if (last && s.items().contains(key)) {
          TreeSet<Value> out = new TreeSet<>(s.items());
          out.remove(key);
          return new Value.SetV(out);
        }
        return v;
      }
      default -> {
        return v;
      }
    }
  }
}
