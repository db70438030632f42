package io.sluice.policies.rego;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.policies.rego.value.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small helpers for tests: compile modules, evaluate, read values as JSON text. */
final class Policies {
  private Policies() {}

  static CompiledPolicy compile(String... modules) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < modules.length; i++) {
      m.put("p" + i + ".rego", modules[i]);
    }
    return RegoCompiler.compile(m, Json.MAPPER.createObjectNode());
  }

  static CompiledPolicy compileWithData(String data, String... modules) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < modules.length; i++) {
      m.put("p" + i + ".rego", modules[i]);
    }
    return RegoCompiler.compile(m, Json.parse(data));
  }

  /** The first expression value as compact JSON, or "undefined". */
  static String value(CompiledPolicy p, String query, String input) {
    QueryResult r = p.evaluate(query, input == null ? Optional.empty() : Optional.of(json(input)));
    return r.firstValue().map(JsonNode::toString).orElse("undefined");
  }

  static String value(CompiledPolicy p, String query) {
    return value(p, query, null);
  }

  static List<Map<String, JsonNode>> bindings(CompiledPolicy p, String query) {
    return p.evaluate(query, Optional.empty()).solutions().stream().map(QueryResult.Solution::bindings).toList();
  }

  static JsonNode json(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
