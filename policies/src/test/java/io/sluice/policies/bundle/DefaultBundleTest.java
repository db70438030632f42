package io.sluice.policies.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.policies.rego.Bundle;
import io.sluice.policies.rego.CompiledPolicy;
import io.sluice.policies.rego.QueryResult;
import io.sluice.policies.rego.RegoCompiler;
import io.sluice.policies.rego.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The default bundle ({@code policies/bundle}) compiled by the embedded evaluator: every
 * {@code test_} rule in its {@code *_test.rego} files passes, and the five demo users get the
 * decisions the bundle's README promises for a statement over the demo tables.
 */
class DefaultBundleTest {
  // the demo's users (conf/sluice.yaml)
  private static final JsonNode ADMIN = user("admin", List.of("admins"), Map.of());
  private static final JsonNode ANA = user("ana", List.of("analysts"), Map.of("region", "EU"));
  private static final JsonNode UMA = user("uma", List.of("analysts"), Map.of("region", "US"));
  private static final JsonNode SAM = user("sam", List.of("auditors"), Map.of());
  private static final JsonNode NOBODY = user("nobody", List.of(), Map.of());

  private static CompiledPolicy policy;

  @BeforeAll
  static void compile() {
    policy = RegoCompiler.compile(Bundle.load(bundleDir()));
  }

  /** Maven runs tests in the module directory; an IDE may run them from the repository root. */
  private static Path bundleDir() {
    return Stream.of(Path.of("bundle"), Path.of("policies", "bundle"))
        .filter(p -> Files.isRegularFile(p.resolve("decision.rego")))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(
            "default bundle not found from " + Path.of("").toAbsolutePath() + " (tried bundle/ and policies/bundle/)"));
  }

  @TestFactory
  Stream<DynamicTest> everyRegoTestRulePasses() {
    List<String> tests = policy.testRules();
    assertThat(tests).as("test rules in the bundle").hasSizeGreaterThan(50);
    return tests.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      QueryResult r = policy.evaluate(name, Optional.empty());
      // like `opa test`: undefined or false fails, any other value passes
      assertThat(r.firstValue()).as(name).hasValueSatisfying(v -> assertThat(v.isBoolean() && !v.booleanValue()).isFalse());
    }));
  }

  @Test
  void euAnalystGetsHerRegionFilterAndTagMasks() {
    JsonNode d = decide(ANA, people(), lineitem(), customer(), nation());
    assertThat(d.get("allow").asBoolean()).isTrue();
    assertThat(d.get("deny")).isEmpty();
    JsonNode people = d.at("/tables/sales.public.people");
    assertThat(people.get("row_filters")).hasSize(1);
    assertThat(people.at("/row_filters/0/expression").asText()).isEqualTo("region = user_attribute('region')");
    assertThat(people.at("/row_filters/0/rule").asText()).isEqualTo("region_scope");
    assertThat(mask(people, "email")).isEqualTo("email_domain");
    assertThat(mask(people, "phone")).isEqualTo("show_last_4");
    assertThat(mask(people, "national_id")).isEqualTo("redact");
    assertThat(mask(people, "birth_date")).isEqualTo("date_year");
    assertThat(people.at("/column_masks/last_name/expression").asText()).isEqualTo("SUBSTRING(last_name FROM 1 FOR 1) || '.'");
    assertThat(people.get("column_masks").has("region")).isFalse();
    assertThat(mask(d.at("/tables/crm.crm.customer"), "c_phone")).isEqualTo("show_last_4");
    assertThat(d.at("/tables/sales.public.lineitem/row_filters")).isEmpty();
    assertThat(d.at("/tables/lake.default.nation/column_masks")).isEmpty();
    assertThat(d.get("reasons").toString()).contains("analysts_read_sales", "analysts_read_crm", "analysts_read_lake");
  }

  @Test
  void usAnalystSharesTheFilterExpressionSoTheGatewaySuppliesHerValue() {
    JsonNode ana = decide(ANA, people());
    JsonNode uma = decide(UMA, people());
    assertThat(uma.at("/tables/sales.public.people")).isEqualTo(ana.at("/tables/sales.public.people"));
    assertThat(uma.toString()).doesNotContain("'US'");
  }

  @Test
  void analystWithoutRegionSeesNoRowsOfRegionalTables() {
    JsonNode d = decide(user("ivan", List.of("analysts"), Map.of()), people(), lineitem());
    assertThat(d.at("/tables/sales.public.people/row_filters/0/expression").asText()).isEqualTo("false");
    assertThat(d.at("/tables/sales.public.lineitem/row_filters")).isEmpty();
  }

  @Test
  void adminSeesEverythingUnmasked() {
    JsonNode d = decide(ADMIN, people(), tickets(), customer(), nation(), audit());
    assertThat(d.get("allow").asBoolean()).isTrue();
    assertThat(d.get("tables")).hasSize(5);
    d.get("tables").forEach(t -> {
      assertThat(t.get("row_filters")).isEmpty();
      assertThat(t.get("column_masks")).isEmpty();
      assertThat(t.get("denied_columns")).isEmpty();
    });
  }

  @Test
  void auditorReadsTheAuditTablesButNotTheSources() {
    JsonNode sys = decide(SAM, audit(), queries());
    assertThat(sys.get("allow").asBoolean()).isTrue();
    assertThat(sys.get("tables")).hasSize(2);

    JsonNode sales = decide(SAM, audit(), people());
    assertThat(sales.get("allow").asBoolean()).isFalse();
    assertThat(sales.get("deny")).hasSize(1);
    assertThat(sales.at("/deny/0/rule").asText()).isEqualTo("no_grant");
    assertThat(sales.at("/deny/0/table").asText()).isEqualTo("sales.public.people");
    assertThat(sales.get("reasons")).hasSize(1);
    assertThat(sales.at("/reasons/0").asText()).contains("sales.public.people").doesNotContain("sys.");
  }

  @Test
  void analystCannotReadTheAuditLog() {
    JsonNode d = decide(ANA, audit());
    assertThat(d.get("allow").asBoolean()).isFalse();
    assertThat(d.get("deny").findValuesAsText("rule")).containsExactlyInAnyOrder("no_grant", "system_tables");
  }

  @Test
  void userWithoutGrantsIsDeniedEveryTableWithAReasonNamingIt() {
    JsonNode d = decide(NOBODY, people(), customer(), nation());
    assertThat(d.get("allow").asBoolean()).isFalse();
    assertThat(d.get("tables")).isEmpty();
    assertThat(d.get("deny").findValuesAsText("table"))
        .containsExactly("crm.crm.customer", "lake.default.nation", "sales.public.people");
    assertThat(d.get("reasons")).extracting(JsonNode::asText).containsExactly(
        "no_grant: no grant allows nobody to select crm.crm.customer",
        "no_grant: no grant allows nobody to select lake.default.nation",
        "no_grant: no grant allows nobody to select sales.public.people");
  }

  @Test
  void malformedInputIsDeniedNotAllowed() {
    ObjectNode input = Json.MAPPER.createObjectNode();
    input.put("action", "select");
    input.set("user", ANA);
    input.put("resources", "sales.public.people");
    JsonNode d = policy.evaluate("data.sluice.decision", Optional.of(input)).firstValue().orElseThrow();
    assertThat(d.get("allow").asBoolean()).isFalse();
    assertThat(d.at("/deny/0/rule").asText()).isEqualTo("invalid_input");
  }

  // --- the demo's tables, as the gateway describes them -------------------------------------

  private static JsonNode decide(JsonNode user, JsonNode... resources) {
    ObjectNode input = Json.MAPPER.createObjectNode();
    input.put("action", "select");
    input.set("user", user);
    input.putObject("client").put("address", "127.0.0.1").put("application", "psql").put("protocol", "postgresql");
    input.putObject("query").put("id", "q_test").put("sql", "SELECT ...").put("kind", "select");
    input.putArray("resources").addAll(List.of(resources));
    return policy.evaluate("data.sluice.decision", Optional.of(input)).firstValue()
        .orElseThrow(() -> new AssertionError("decision undefined for " + input));
  }

  private static String mask(JsonNode table, String column) {
    return table.at("/column_masks/" + column + "/mask").asText("<no mask>");
  }

  private static ObjectNode user(String name, List<String> groups, Map<String, String> attributes) {
    ObjectNode u = Json.MAPPER.createObjectNode().put("name", name);
    groups.forEach(u.putArray("groups")::add);
    attributes.forEach(u.putObject("attributes")::put);
    return u;
  }

  private static ObjectNode table(String source, String schema, String name, List<String> tags, String... columns) {
    ObjectNode t = Json.MAPPER.createObjectNode().put("source", source).put("schema", schema).put("table", name);
    tags.forEach(t.putArray("tags")::add);
    ArrayNode cols = t.putArray("columns");
    for (String spec : columns) {
      // "name type tag,tag"
      String[] parts = spec.split(" ", -1);
      ObjectNode c = cols.addObject().put("name", parts[0]).put("type", parts[1]);
      ArrayNode ctags = c.putArray("tags");
      if (parts.length > 2) {
        for (String tag : parts[2].split(",")) {
          ctags.add(tag);
        }
      }
    }
    return t;
  }

  private static ObjectNode people() {
    return table("sales", "public", "people", List.of("pii"),
        "id INTEGER", "first_name VARCHAR", "last_name VARCHAR", "email VARCHAR pii,email", "phone VARCHAR pii,phone",
        "national_id VARCHAR pii,national_id", "birth_date DATE pii", "region VARCHAR", "country VARCHAR",
        "city VARCHAR", "customer_key BIGINT", "signup_ts TIMESTAMP");
  }

  private static ObjectNode tickets() {
    return table("sales", "public", "support_tickets", List.of(),
        "id INTEGER", "person_id INTEGER", "opened_at TIMESTAMP", "status VARCHAR", "priority VARCHAR", "body VARCHAR");
  }

  private static ObjectNode lineitem() {
    return table("sales", "public", "lineitem", List.of(), "l_orderkey BIGINT", "l_extendedprice DECIMAL");
  }

  private static ObjectNode customer() {
    return table("crm", "crm", "customer", List.of(), "c_custkey INTEGER", "c_name VARCHAR", "c_phone CHAR phone");
  }

  private static ObjectNode nation() {
    return table("lake", "default", "nation", List.of(), "n_nationkey INTEGER", "n_name VARCHAR");
  }

  private static ObjectNode audit() {
    return table("sys", "sys", "audit", List.of(), "seq BIGINT", "user VARCHAR", "sql VARCHAR");
  }

  private static ObjectNode queries() {
    return table("sys", "sys", "queries", List.of(), "query_id VARCHAR", "user VARCHAR");
  }
}
