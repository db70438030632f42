package io.sluice.policies.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.policies.rego.value.Json;

/** Two-space indented JSON like {@code opa eval --format json}. */
final class Pretty {
  private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"))
      .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));

  private Pretty() {}

  static String write(JsonNode n) {
    try {
      return Json.MAPPER.writer(PRINTER).writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
