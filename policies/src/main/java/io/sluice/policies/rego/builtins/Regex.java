package io.sluice.policies.rego.builtins;

import io.sluice.policies.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** regex.* and glob.* built-ins. Compiled patterns are cached (bounded) across evaluations. */
final class Regex {
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private Regex() {}

  static Pattern compile(Args x, String re) {
    Pattern p = CACHE.get(re);
    if (p != null) {
      return p;
    }
    try {
      // RE2 spells named groups (?P<name>...); java.util.regex spells them (?<name>...)
      p = Pattern.compile(re.replace("(?P<", "(?<"));
    } catch (PatternSyntaxException e) {
      throw x.err("error parsing regexp: " + e.getDescription());
    }
    if (CACHE.size() < 10_000) {
      CACHE.put(re, p);
    }
    return p;
  }

  static void register(Builtins.Registry r) {
    Builtin.Impl match = (a, c) -> {
      Args x = new Args("regex.match", a);
      return Optional.of(Value.bool(compile(x, x.str(0)).matcher(x.str(1)).find()));
    };
    r.add("regex.match", 2, match);
    r.add("re_match", 2, match);
    r.add("regex.is_valid", 1, (a, c) -> {
      if (!(a.get(0) instanceof Value.Str s)) {
        return Optional.of(Value.FALSE);
      }
      try {
        Pattern.compile(s.value());
        return Optional.of(Value.TRUE);
      } catch (PatternSyntaxException e) {
        return Optional.of(Value.FALSE);
      }
    });
    r.add("regex.find_n", 3, (a, c) -> {
      Args x = new Args("regex.find_n", a);
      Matcher m = compile(x, x.str(0)).matcher(x.str(1));
      int n = x.integer(2);
      List<Value> out = new ArrayList<>();
      while ((n < 0 || out.size() < n) && m.find()) {
        out.add(Value.str(m.group()));
      }
      return Optional.of(new Value.Arr(out));
    });
    r.add("regex.find_all_string_submatch_n", 3, (a, c) -> {
      Args x = new Args("regex.find_all_string_submatch_n", a);
      Matcher m = compile(x, x.str(0)).matcher(x.str(1));
      int n = x.integer(2);
      List<Value> out = new ArrayList<>();
      while ((n < 0 || out.size() < n) && m.find()) {
        List<Value> groups = new ArrayList<>();
        for (int g = 0; g <= m.groupCount(); g++) {
          groups.add(Value.str(m.group(g) == null ? "" : m.group(g)));
        }
        out.add(new Value.Arr(groups));
      }
      return Optional.of(new Value.Arr(out));
    });
    r.add("regex.replace", 3, (a, c) -> {
      Args x = new Args("regex.replace", a);
      String repl = x.str(2).replaceAll("\\$\\{(\\w+)\\}", "\\${$1}");
      try {
        return Optional.of(Value.str(compile(x, x.str(1)).matcher(x.str(0)).replaceAll(repl)));
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        return Optional.of(Value.str(compile(x, x.str(1)).matcher(x.str(0)).replaceAll(Matcher.quoteReplacement(x.str(2)))));
      }
    });
    r.add("regex.split", 2, (a, c) -> {
      Args x = new Args("regex.split", a);
      String[] parts = compile(x, x.str(0)).split(x.str(1), -1);
      List<Value> out = new ArrayList<>();
      for (String p : parts) {
        out.add(Value.str(p));
      }
      return Optional.of(new Value.Arr(out));
    });
    r.add("glob.match", 3, (a, c) -> {
      Args x = new Args("glob.match", a);
      String pattern = x.str(0);
      List<String> delims = new ArrayList<>();
      if (a.get(1) instanceof Value.Null) {
        delims = List.of();
      } else {
        for (Value v : x.arr(1).items()) {
          if (v instanceof Value.Str s) {
            delims.add(s.value());
          }
        }
        if (delims.isEmpty()) {
          delims.add(".");
        }
      }
      String key = "glob:" + String.join("\u0000", delims) + ":" + pattern;
      Pattern p = CACHE.get(key);
      if (p == null) {
        p = Pattern.compile(Glob.toRegex(pattern, delims), Pattern.DOTALL);
        CACHE.put(key, p);
      }
      return Optional.of(Value.bool(p.matcher(x.str(2)).matches()));
    });
    r.add("glob.quote_meta", 1, (a, c) -> {
      String s = new Args("glob.quote_meta", a).str(0);
      StringBuilder sb = new StringBuilder();
      for (char ch : s.toCharArray()) {
        if ("*?\\[]{}".indexOf(ch) >= 0) {
          sb.append('\\');
        }
        sb.append(ch);
      }
      return Optional.of(Value.str(sb.toString()));
    });
  }
}
