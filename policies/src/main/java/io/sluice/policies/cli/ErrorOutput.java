package io.sluice.policies.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.policies.rego.RegoError;
import java.io.PrintWriter;
import java.util.List;

/** Prints errors in the shapes {@code opa} uses: JSON {@code {"errors":[...]}} or text lines. */
final class ErrorOutput {
  private ErrorOutput() {}

  static void json(PrintWriter out, List<RegoError> errors) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode arr = root.putArray("errors");
    for (RegoError e : errors) {
      ObjectNode o = arr.addObject();
      o.put("message", e.message());
      o.put("code", e.code());
      if (e.pos().line() > 0) {
        ObjectNode loc = o.putObject("location");
        loc.put("file", e.pos().file());
        loc.put("row", e.pos().line());
        loc.put("col", e.pos().col());
      }
    }
    out.println(Pretty.write(root));
    out.flush();
  }

  static void text(PrintWriter out, List<RegoError> errors) {
    if (errors.size() == 1) {
      out.println("1 error occurred: " + errors.get(0));
    } else {
      out.println(errors.size() + " errors occurred:");
      errors.forEach(e -> out.println(e.toString()));
    }
    out.flush();
  }
}
