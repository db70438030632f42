package io.sluice.policies.rego.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** One case of OPA's YAML conformance suite (see shared/conformance/opa/SOURCE.md). */
record ConformanceCase(String topic, String file, String note, String query, List<String> modules,
    Optional<JsonNode> data, Optional<JsonNode> input, Optional<String> inputTerm,
    Optional<JsonNode> wantResult, Optional<String> wantError, Optional<String> wantErrorCode,
    boolean sortBindings, boolean strictError) {

  static ConformanceCase from(String topic, String file, JsonNode n) {
    List<String> modules = new java.util.ArrayList<>();
    if (n.has("modules")) {
      n.get("modules").forEach(m -> modules.add(m.asText()));
    }
    return new ConformanceCase(topic, file, n.path("note").asText(), n.path("query").asText(), modules,
        opt(n, "data"), opt(n, "input"), opt(n, "input_term").map(JsonNode::asText), opt(n, "want_result"),
        opt(n, "want_error").map(JsonNode::asText), opt(n, "want_error_code").map(JsonNode::asText),
        n.path("sort_bindings").asBoolean(false), n.path("strict_error").asBoolean(false));
  }

  private static Optional<JsonNode> opt(JsonNode n, String key) {
    return n.has(key) && !n.get(key).isNull() ? Optional.of(n.get(key)) : Optional.empty();
  }

  boolean wantsError() {
    return wantError.isPresent() || wantErrorCode.isPresent();
  }
}
