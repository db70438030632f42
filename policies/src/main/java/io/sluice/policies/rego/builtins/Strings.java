package io.sluice.policies.rego.builtins;

import io.sluice.policies.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** String built-ins, plus sprintf, format_int and to_number. */
final class Strings {
  private Strings() {}

  private static Optional<Value> s(String v) {
    return Optional.of(Value.str(v));
  }

  private static Optional<Value> b(boolean v) {
    return Optional.of(Value.bool(v));
  }

  static void register(Builtins.Registry r) {
    r.add("concat", 2, (a, c) -> {
      Args x = new Args("concat", a);
      String d = x.str(0);
      List<String> parts = new ArrayList<>();
      for (Value v : x.collection(1)) {
        if (!(v instanceof Value.Str str)) {
          throw x.typeErr(1, "one of {array, set} of strings");
        }
        parts.add(str.value());
      }
      return s(String.join(d, parts));
    });
    r.add("contains", 2, (a, c) -> {
      Args x = new Args("contains", a);
      return b(x.str(0).contains(x.str(1)));
    });
    r.add("startswith", 2, (a, c) -> {
      Args x = new Args("startswith", a);
      return b(x.str(0).startsWith(x.str(1)));
    });
    r.add("endswith", 2, (a, c) -> {
      Args x = new Args("endswith", a);
      return b(x.str(0).endsWith(x.str(1)));
    });
    r.add("lower", 1, (a, c) -> s(new Args("lower", a).str(0).toLowerCase(Locale.ROOT)));
    r.add("upper", 1, (a, c) -> s(new Args("upper", a).str(0).toUpperCase(Locale.ROOT)));
    r.add("split", 2, (a, c) -> {
      Args x = new Args("split", a);
      return Optional.of(strs(split(x.str(0), x.str(1), -1)));
    });
    r.add("strings.split_n", 3, (a, c) -> {
      Args x = new Args("strings.split_n", a);
      String str = x.str(0);
      String d = x.str(1);
      int n = x.integer(2);
      // positive n keeps the first n parts, negative n the last |n| parts
      List<String> all = split(str, d, -1);
      if (n >= 0) {
        return Optional.of(strs(all.subList(0, Math.min(n, all.size()))));
      }
      return Optional.of(strs(all.subList(Math.max(0, all.size() + n), all.size())));
    });
    r.add("replace", 3, (a, c) -> {
      Args x = new Args("replace", a);
      String str = x.str(0);
      String old = x.str(1);
      String nw = x.str(2);
      if (old.isEmpty()) {
        StringBuilder sb = new StringBuilder(nw);
        str.codePoints().forEach(cp -> sb.appendCodePoint(cp).append(nw));
        return s(sb.toString());
      }
      return s(str.replace(old, nw));
    });
    r.add("strings.replace_n", 2, (a, c) -> {
      Args x = new Args("strings.replace_n", a);
      Value.Obj pats = x.obj(0);
      String str = x.str(1);
      List<String[]> pairs = new ArrayList<>();
      for (Map.Entry<Value, Value> e : pats.entries().entrySet()) {
        if (!(e.getKey() instanceof Value.Str k) || !(e.getValue() instanceof Value.Str v)) {
          throw x.typeErr(0, "object[string: string]");
        }
        pairs.add(new String[] {k.value(), v.value()});
      }
      StringBuilder sb = new StringBuilder();
      int i = 0;
      outer:
      while (i < str.length()) {
        for (String[] p : pairs) {
          if (!p[0].isEmpty() && str.startsWith(p[0], i)) {
            sb.append(p[1]);
            i += p[0].length();
            continue outer;
          }
        }
        sb.append(str.charAt(i++));
      }
      return s(sb.toString());
    });
    r.add("trim", 2, (a, c) -> {
      Args x = new Args("trim", a);
      return s(trimRight(trimLeft(x.str(0), x.str(1)), x.str(1)));
    });
    r.add("trim_left", 2, (a, c) -> {
      Args x = new Args("trim_left", a);
      return s(trimLeft(x.str(0), x.str(1)));
    });
    r.add("trim_right", 2, (a, c) -> {
      Args x = new Args("trim_right", a);
      return s(trimRight(x.str(0), x.str(1)));
    });
    r.add("trim_prefix", 2, (a, c) -> {
      Args x = new Args("trim_prefix", a);
      String str = x.str(0);
      String p = x.str(1);
      return s(str.startsWith(p) ? str.substring(p.length()) : str);
    });
    r.add("trim_suffix", 2, (a, c) -> {
      Args x = new Args("trim_suffix", a);
      String str = x.str(0);
      String p = x.str(1);
      return s(str.endsWith(p) ? str.substring(0, str.length() - p.length()) : str);
    });
    r.add("trim_space", 1, (a, c) -> s(new Args("trim_space", a).str(0).strip()));
    r.add("indexof", 2, (a, c) -> {
      Args x = new Args("indexof", a);
      String str = x.str(0);
      int idx = str.indexOf(x.str(1));
      return Optional.of(Value.num(idx < 0 ? -1 : str.codePointCount(0, idx)));
    });
    r.add("indexof_n", 2, (a, c) -> {
      Args x = new Args("indexof_n", a);
      String str = x.str(0);
      String sub = x.str(1);
      List<Value> out = new ArrayList<>();
      int idx = str.indexOf(sub);
      while (idx >= 0) {
        out.add(Value.num(str.codePointCount(0, idx)));
        idx = str.indexOf(sub, idx + Math.max(1, sub.length()));
        if (sub.isEmpty() && idx > str.length()) {
          break;
        }
      }
      return Optional.of(new Value.Arr(out));
    });
    r.add("substring", 3, (a, c) -> {
      Args x = new Args("substring", a);
      String str = x.str(0);
      int start = x.integer(1);
      int len = x.integer(2);
      if (start < 0) {
        throw x.err("negative offset");
      }
      int[] cps = str.codePoints().toArray();
      if (start >= cps.length) {
        return s("");
      }
      int end = len < 0 ? cps.length : Math.min(cps.length, start + len);
      return s(new String(cps, start, end - start));
    });
    r.add("strings.reverse", 1, (a, c) -> s(new StringBuilder(new Args("strings.reverse", a).str(0)).reverse().toString()));
    r.add("strings.count", 2, (a, c) -> {
      Args x = new Args("strings.count", a);
      String str = x.str(0);
      String sub = x.str(1);
      if (sub.isEmpty()) {
        return Optional.of(Value.num(str.codePointCount(0, str.length()) + 1));
      }
      int n = 0;
      int idx = str.indexOf(sub);
      while (idx >= 0) {
        n++;
        idx = str.indexOf(sub, idx + sub.length());
      }
      return Optional.of(Value.num(n));
    });
    r.add("strings.any_prefix_match", 2, (a, c) -> {
      Args x = new Args("strings.any_prefix_match", a);
      List<String> search = stringsOf(x, 0);
      List<String> base = stringsOf(x, 1);
      return b(search.stream().anyMatch(s -> base.stream().anyMatch(s::startsWith)));
    });
    r.add("strings.any_suffix_match", 2, (a, c) -> {
      Args x = new Args("strings.any_suffix_match", a);
      List<String> search = stringsOf(x, 0);
      List<String> base = stringsOf(x, 1);
      return b(search.stream().anyMatch(s -> base.stream().anyMatch(s::endsWith)));
    });
    r.add("sprintf", 2, (a, c) -> {
      Args x = new Args("sprintf", a);
      return s(Sprintf.format(x.str(0), x.arr(1).items()));
    });
    r.add("format_int", 2, (a, c) -> {
      Args x = new Args("format_int", a);
      BigDecimal n = x.num(0);
      int base = x.integer(1);
      if (base != 2 && base != 8 && base != 10 && base != 16) {
        throw x.err("operand 2 must be one of {2, 8, 10, 16}");
      }
      return s(n.setScale(0, java.math.RoundingMode.DOWN).toBigInteger().toString(base));
    });
    r.add("to_number", 1, (a, c) -> {
      Args x = new Args("to_number", a);
      return switch (a.get(0)) {
        case Value.Num n -> Optional.of(n);
        case Value.Null n -> Optional.of(Value.num(0));
        case Value.Bool bo -> Optional.of(Value.num(bo.value() ? 1 : 0));
        case Value.Str str -> {
          try {
            String t = str.value();
            if (t.isEmpty() || t.contains("_") || t.strip().length() != t.length()) {
              throw new NumberFormatException();
            }
            yield Optional.of(new Value.Num(new BigDecimal(t.startsWith("+") ? t.substring(1) : t)));
          } catch (NumberFormatException e) {
            throw x.err("strconv.ParseFloat: parsing " + io.sluice.policies.rego.value.ValueFormat.quote(str.value())
                + ": invalid syntax");
          }
        }
        default -> throw x.typeErr(0, "one of {null, boolean, number, string}");
      };
    });
  }

  private static List<String> stringsOf(Args x, int i) {
    return switch (x.get(i)) {
      case Value.Str s -> List.of(s.value());
      case Value.Arr arr -> elements(x, i, arr.items(), "array");
      case Value.SetV set -> elements(x, i, List.copyOf(set.items()), "set");
      default -> throw x.typeErr(i, "one of {string, set, array}");
    };
  }

  private static List<String> elements(Args x, int i, List<Value> items, String kind) {
    List<String> out = new ArrayList<>();
    for (Value v : items) {
      if (!(v instanceof Value.Str s)) {
        throw BuiltinException.type(x.typeErr(i, "x").getMessage().replaceAll("must be x but got .*",
            "must be " + kind + " of strings but got " + kind + " containing " + v.typeName()));
      }
      out.add(s.value());
    }
    return out;
  }

  static List<String> split(String s, String d, int n) {
    List<String> out = new ArrayList<>();
    if (n == 0) {
      return out;
    }
    if (d.isEmpty()) {
      int[] cps = s.codePoints().toArray();
      for (int i = 0; i < cps.length; i++) {
        if (n > 0 && out.size() == n - 1) {
          out.add(new String(cps, i, cps.length - i));
          return out;
        }
        out.add(new String(cps, i, 1));
      }
      return out;
    }
    int start = 0;
    while (true) {
      if (n > 0 && out.size() == n - 1) {
        break;
      }
      int idx = s.indexOf(d, start);
      if (idx < 0) {
        break;
      }
      out.add(s.substring(start, idx));
      start = idx + d.length();
    }
    out.add(s.substring(start));
    return out;
  }

  private static Value strs(List<String> parts) {
    List<Value> out = new ArrayList<>(parts.size());
    parts.forEach(p -> out.add(Value.str(p)));
    return new Value.Arr(out);
  }

  private static String trimLeft(String s, String cut) {
    int i = 0;
    while (i < s.length() && cut.indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return s.substring(i);
  }

  private static String trimRight(String s, String cut) {
    int i = s.length();
    while (i > 0 && cut.indexOf(s.charAt(i - 1)) >= 0) {
      i--;
    }
    return s.substring(0, i);
  }
}
