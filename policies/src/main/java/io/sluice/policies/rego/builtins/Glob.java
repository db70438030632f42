package io.sluice.policies.rego.builtins;

import java.util.List;
import java.util.regex.Pattern;

/** Translates glob patterns (*, **, ?, [..], [!..], {a,b}) into Java regular expressions. */
final class Glob {
  private Glob() {}

  static String toRegex(String glob, List<String> delims) {
    StringBuilder d = new StringBuilder();
    for (String s : delims) {
      d.append(Pattern.quote(s).replace("\\Q", "").replace("\\E", "").replaceAll("([\\\\\\]\\[^-])", "\\\\$1"));
    }
    String notDelim = delims.isEmpty() ? "." : "[^" + d + "]";
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            out.append(".*");
            i++;
          } else {
            out.append(notDelim).append('*');
          }
        }
        case '?' -> out.append(notDelim);
        case '[' -> {
          int end = glob.indexOf(']', i + 1);
          if (end < 0) {
            out.append("\\[");
          } else {
            String body = glob.substring(i + 1, end);
            if (body.startsWith("!")) {
              body = "^" + body.substring(1);
            }
            out.append('[').append(body.replace("\\", "\\\\")).append(']');
            i = end;
          }
        }
        case '{' -> {
          depth++;
          out.append("(?:");
        }
        case '}' -> {
          if (depth > 0) {
            depth--;
            out.append(')');
          } else {
            out.append("\\}");
          }
        }
        case ',' -> out.append(depth > 0 ? "|" : ",");
        case '\\' -> {
          if (i + 1 < glob.length()) {
            out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        default -> out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }
}
