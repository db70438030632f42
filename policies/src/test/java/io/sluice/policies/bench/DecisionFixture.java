package io.sluice.policies.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.policies.rego.CompiledPolicy;
import io.sluice.policies.rego.RegoCompiler;
import io.sluice.policies.rego.value.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The benchmark's realistic decision: a statement over 10 tables of 30 columns each, with
 * role grants, tag masks, attribute row filters and restricted columns.
 */
public final class DecisionFixture {
  private DecisionFixture() {}

  public static CompiledPolicy policy() {
    return RegoCompiler.compile(Map.of("decision.rego", resource("/bench/decision.rego")),
        Json.parse(resource("/bench/data.json")));
  }

  public static JsonNode input() {
    return input(false);
  }

  /**
   * The statement's input. With {@code distinctColumns} every column name carries its table's
   * name, so no two tables describe an equal column and no function call is answered from the
   * memo of an earlier table's identical column.
   */
  public static JsonNode input(boolean distinctColumns) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode in = f.objectNode();
    in.put("action", "select");
    ObjectNode user = in.putObject("user");
    user.put("name", "ana");
    user.putArray("groups").add("analysts");
    user.putObject("attributes").put("region", "EU").put("department", "finance");
    in.putObject("client").put("address", "127.0.0.1").put("application", "psql").put("protocol", "postgresql");
    in.putObject("query").put("id", "q_1").put("sql", "SELECT ...").put("kind", "select");
    ArrayNode resources = in.putArray("resources");
    String[][] tables = {
        {"sales", "public", "orders"}, {"sales", "public", "customers"}, {"sales", "public", "payments"},
        {"sales", "eu_west", "invoices"}, {"finance", "archive", "orders_2020"}, {"crm", "public", "contacts"},
        {"crm", "public", "accounts"}, {"crm", "eu_core", "leads"}, {"sales", "public", "refunds"},
        {"crm", "public", "notes"}};
    for (String[] t : tables) {
      ObjectNode r = resources.addObject();
      r.put("source", t[0]).put("schema", t[1]).put("table", t[2]);
      r.putArray("tags");
      ArrayNode cols = r.putArray("columns");
      for (int i = 0; i < 30; i++) {
        ObjectNode c = cols.addObject();
        c.put("name", (distinctColumns ? t[2] + "_col_" : "col_") + i).put("type", i % 3 == 0 ? "INTEGER" : "VARCHAR");
        ArrayNode tags = c.putArray("tags");
        if (i % 5 == 0) {
          tags.add("pii");
        }
        if (i % 7 == 0) {
          tags.add("email");
        }
        if (i % 11 == 0) {
          tags.add("card");
        }
        if (i % 13 == 0) {
          tags.add("restricted");
        }
        if (i % 17 == 0) {
          tags.add("dob");
        }
      }
    }
    return in;
  }

  private static String resource(String name) {
    try (InputStream s = DecisionFixture.class.getResourceAsStream(name)) {
      return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
