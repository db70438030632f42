package io.sluice.policies.rego.builtins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.sluice.policies.rego.value.Json;
import io.sluice.policies.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** json.*, yaml.*, base64*, hex.*, urlquery.* and crypto digests. */
final class Encoding {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Encoding() {}

  private static Optional<Value> s(String v) {
    return Optional.of(Value.str(v));
  }

  static void register(Builtins.Registry r) {
    // Go's encoding/json escapes <, > and & for safe embedding in HTML; OPA inherits that
    r.add("json.marshal", 1, (a, c) -> s(goEscape(Json.write(a.get(0)))));
    r.add("json.marshal_with_options", 2, (a, c) -> {
      Args x = new Args("json.marshal_with_options", a);
      Value.Obj opts = x.obj(1);
      boolean pretty = opts.get("pretty").map(Value.TRUE::equals).orElse(false);
      String indent = opts.get("indent").map(v -> v instanceof Value.Str s ? s.value() : "\t").orElse("\t");
      String prefix = opts.get("prefix").map(v -> v instanceof Value.Str s ? s.value() : "").orElse("");
      if (!pretty && opts.get("indent").isEmpty() && opts.get("prefix").isEmpty()) {
        return s(goEscape(Json.write(a.get(0))));
      }
      return s(indentJson(goEscape(Json.write(a.get(0))), prefix, indent));
    });
    r.add("json.unmarshal", 1, (a, c) -> {
      Args x = new Args("json.unmarshal", a);
      try {
        return Optional.of(Json.fromJson(Json.MAPPER.readTree(x.str(0))));
      } catch (IOException e) {
        throw x.err(e.getMessage());
      }
    });
    r.add("json.is_valid", 1, (a, c) -> {
      if (!(a.get(0) instanceof Value.Str str)) {
        return Optional.of(Value.FALSE);
      }
      try (var p = Json.MAPPER.createParser(str.value())) {
        Json.MAPPER.readTree(p);
        return Optional.of(Value.bool(p.nextToken() == null));
      } catch (IOException | RuntimeException e) {
        return Optional.of(Value.FALSE);
      }
    });
    r.add("yaml.marshal", 1, (a, c) -> {
      try {
        return s(YAML.writeValueAsString(Json.toJson(a.get(0))));
      } catch (IOException e) {
        throw new Args("yaml.marshal", a).err(e.getMessage());
      }
    });
    r.add("yaml.unmarshal", 1, (a, c) -> {
      Args x = new Args("yaml.unmarshal", a);
      try {
        var n = YAML.readTree(x.str(0));
        return Optional.of(n == null ? Value.NULL : Json.fromJson(n));
      } catch (IOException e) {
        throw x.err(e.getMessage());
      }
    });
    r.add("yaml.is_valid", 1, (a, c) -> {
      if (!(a.get(0) instanceof Value.Str str)) {
        return Optional.of(Value.FALSE);
      }
      try (var it = YAML.readerFor(com.fasterxml.jackson.databind.JsonNode.class).readValues(str.value())) {
        while (it.hasNextValue()) {
          it.nextValue();
        }
        return Optional.of(Value.TRUE);
      } catch (IOException | RuntimeException e) {
        return Optional.of(Value.FALSE);
      }
    });
    r.add("base64.encode", 1, (a, c) -> s(Base64.getEncoder().encodeToString(bytes(new Args("base64.encode", a).str(0)))));
    r.add("base64.decode", 1, (a, c) -> {
      Args x = new Args("base64.decode", a);
      try {
        return s(new String(Base64.getDecoder().decode(x.str(0)), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw x.err("illegal base64 data");
      }
    });
    r.add("base64.is_valid", 1, (a, c) -> {
      try {
        Base64.getDecoder().decode(new Args("base64.is_valid", a).str(0));
        return Optional.of(Value.TRUE);
      } catch (IllegalArgumentException e) {
        return Optional.of(Value.FALSE);
      }
    });
    r.add("base64url.encode", 1, (a, c) -> s(Base64.getUrlEncoder().encodeToString(bytes(new Args("base64url.encode", a).str(0)))));
    r.add("base64url.encode_no_pad", 1, (a, c) -> s(Base64.getUrlEncoder().withoutPadding()
        .encodeToString(bytes(new Args("base64url.encode_no_pad", a).str(0)))));
    r.add("base64url.decode", 1, (a, c) -> {
      Args x = new Args("base64url.decode", a);
      try {
        return s(new String(Base64.getUrlDecoder().decode(x.str(0)), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw x.err("illegal base64 data");
      }
    });
    r.add("hex.encode", 1, (a, c) -> s(HexFormat.of().formatHex(bytes(new Args("hex.encode", a).str(0)))));
    r.add("hex.decode", 1, (a, c) -> {
      Args x = new Args("hex.decode", a);
      try {
        return s(new String(HexFormat.of().parseHex(x.str(0)), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw x.err("invalid byte");
      }
    });
    r.add("urlquery.encode", 1, (a, c) -> s(java.net.URLEncoder.encode(new Args("urlquery.encode", a).str(0),
        StandardCharsets.UTF_8)));
    r.add("urlquery.decode", 1, (a, c) -> s(java.net.URLDecoder.decode(new Args("urlquery.decode", a).str(0),
        StandardCharsets.UTF_8)));
    r.add("crypto.sha256", 1, (a, c) -> s(digest("SHA-256", new Args("crypto.sha256", a).str(0))));
    r.add("crypto.sha1", 1, (a, c) -> s(digest("SHA-1", new Args("crypto.sha1", a).str(0))));
    r.add("crypto.md5", 1, (a, c) -> s(digest("MD5", new Args("crypto.md5", a).str(0))));
  }

  static String goEscape(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  /** Re-indents compact JSON like Go's json.MarshalIndent. */
  static String indentJson(String compact, String prefix, String indent) {
    StringBuilder sb = new StringBuilder(prefix);
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < compact.length(); i++) {
      char ch = compact.charAt(i);
      if (inString) {
        sb.append(ch);
        if (ch == '\\') {
          sb.append(compact.charAt(++i));
        } else if (ch == '"') {
          inString = false;
        }
        continue;
      }
      switch (ch) {
        case '"' -> {
          inString = true;
          sb.append(ch);
        }
        case '{', '[' -> {
          char close = ch == '{' ? '}' : ']';
          if (i + 1 < compact.length() && compact.charAt(i + 1) == close) {
            sb.append(ch).append(close);
            i++;
          } else {
            depth++;
            sb.append(ch).append('\n').append(prefix).append(indent.repeat(depth));
          }
        }
        case '}', ']' -> {
          depth--;
          sb.append('\n').append(prefix).append(indent.repeat(depth)).append(ch);
        }
        case ',' -> sb.append(ch).append('\n').append(prefix).append(indent.repeat(depth));
        case ':' -> sb.append(": ");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String digest(String alg, String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(bytes(s)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
