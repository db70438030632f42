package io.sluice.policies.rego;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The solutions of a query, in OPA's result shape. Empty means undefined. */
public record QueryResult(List<Solution> solutions) {
  public QueryResult {
    solutions = List.copyOf(solutions);
  }

  /** One solution: the value of each query expression and the variable bindings. */
  public record Solution(List<ExpressionValue> expressions, Map<String, JsonNode> bindings) {
    public Solution {
      expressions = List.copyOf(expressions);
      bindings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bindings));
    }
  }

  /** The value of one expression and its source text. */
  public record ExpressionValue(JsonNode value, String text, SourcePos location) {
    public ExpressionValue {
      Objects.requireNonNull(value, "value is null");
      Objects.requireNonNull(text, "text is null");
      Objects.requireNonNull(location, "location is null");
    }
  }

  public boolean isUndefined() {
    return solutions.isEmpty();
  }

  /** The first expression's value of the first solution, e.g. the decision of {@code data.sluice.decision}. */
  public java.util.Optional<JsonNode> firstValue() {
    if (solutions.isEmpty() || solutions.get(0).expressions().isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(solutions.get(0).expressions().get(0).value());
  }

  /** {@code {"result":[{"expressions":[...],"bindings":{...}}]}} as printed by {@code opa eval --format json}. */
  public JsonNode toOpaJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    if (solutions.isEmpty()) {
      return root;
    }
    ArrayNode results = root.putArray("result");
    for (Solution s : solutions) {
      ObjectNode r = results.addObject();
      ArrayNode exprs = r.putArray("expressions");
      for (ExpressionValue e : s.expressions()) {
        ObjectNode x = exprs.addObject();
        x.set("value", e.value());
        x.put("text", e.text());
        ObjectNode loc = x.putObject("location");
        loc.put("row", e.location().line());
        loc.put("col", e.location().col());
      }
      if (!s.bindings().isEmpty()) {
        ObjectNode b = r.putObject("bindings");
        s.bindings().forEach(b::set);
      }
    }
    return root;
  }
}
