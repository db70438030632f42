package io.sluice.policies.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.sluice.policies.decision.Decision;
import io.sluice.policies.decision.Decision.ColumnMask;
import io.sluice.policies.decision.Decision.Denial;
import io.sluice.policies.decision.Decision.RowFilter;
import io.sluice.policies.decision.Decision.TableDecision;
import io.sluice.policies.decision.DecisionReader;
import io.sluice.policies.decision.Mask;
import io.sluice.policies.decision.PolicyException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The strict reading of a decision document: every documented shape, and one clear error for any other. */
class DecisionReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String T = "sales.public.people";

    private static Decision read(String json) {
        try {
            return DecisionReader.read(JSON.readTree(json), "d-1", "rev-1");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A decision whose only table has this one column mask. */
    private static String withMask(String maskJson) {
        return "{\"allow\": true, \"tables\": {\"" + T + "\": {\"column_masks\": {\"c\": " + maskJson + "}}}}";
    }

    private static void assertMalformed(String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(PolicyException.MalformedDecision.class).hasMessage(message);
    }

    static Stream<Arguments> masks() {
        return Stream.of(
                Arguments.of("{\"mask\": \"redact\"}", new Mask.Redact()),
                Arguments.of("{\"mask\": \"show_last_4\"}", new Mask.ShowLast4()),
                Arguments.of("{\"mask\": \"show_first_4\"}", new Mask.ShowFirst4()),
                Arguments.of("{\"mask\": \"hash\"}", new Mask.Hash()),
                Arguments.of("{\"mask\": \"null\"}", new Mask.Null()),
                Arguments.of("{\"mask\": \"none\"}", new Mask.None()),
                Arguments.of("{\"mask\": \"date_year\"}", new Mask.DateYear()),
                Arguments.of("{\"mask\": \"email_domain\"}", new Mask.EmailDomain()),
                Arguments.of("{\"mask\": \"constant\", \"value\": \"***\"}", new Mask.Constant("***")),
                Arguments.of("{\"mask\": \"constant\", \"value\": 0}", new Mask.Constant("0")),
                Arguments.of("{\"mask\": \"round\", \"digits\": 2}", new Mask.Round(2)),
                Arguments.of("{\"mask\": \"round\", \"digits\": -3}", new Mask.Round(-3)),
                Arguments.of("{\"mask\": \"regex_replace\", \"pattern\": \"\\\\d\", \"replacement\": \"#\"}",
                        new Mask.RegexReplace("\\d", "#")),
                Arguments.of("{\"expression\": \"left(name, 1) || '***'\"}", new Mask.Expression("left(name, 1) || '***'")));
    }

    @ParameterizedTest
    @MethodSource("masks")
    void everyMaskKindWithItsParameters(String maskJson, Mask expected) throws Exception {
        String withRule = maskJson.replaceFirst("\\}$", ", \"rule\": \"r1\"}");

        assertThat(read(withMask(withRule)).table(T).columnMasks()).containsExactly(Map.entry("c", new ColumnMask(expected, "r1")));
        assertThat(read(withMask(maskJson)).table(T).columnMasks().get("c").rule()).isEqualTo("unnamed");
        JsonNode mask = JSON.readTree(maskJson);
        assertThat(expected.name()).isEqualTo(mask.has("mask") ? mask.get("mask").asText() : "expression");
    }

    static Stream<Arguments> malformedMasks() {
        String at = "decision.tables[\"" + T + "\"].column_masks.c";
        return Stream.of(
                Arguments.of("\"hash\"", at + " must be an object with \"mask\" or \"expression\", got string"),
                Arguments.of("{\"rule\": \"r\"}", at + ".mask must be a string, got nothing"),
                Arguments.of("{\"mask\": 7}", at + ".mask must be a string, got number"),
                Arguments.of("{\"expression\": 7}", at + ".expression must be a string, got number"),
                Arguments.of("{\"mask\": \"constant\"}", at + ".value must be a string or number for the constant mask, got nothing"),
                Arguments.of("{\"mask\": \"constant\", \"value\": null}", at + ".value must be a string or number for the constant mask, got null"),
                Arguments.of("{\"mask\": \"constant\", \"value\": [1]}", at + ".value must be a string or number for the constant mask, got array"),
                Arguments.of("{\"mask\": \"round\"}", at + ".digits must be an integer for the round mask, got nothing"),
                Arguments.of("{\"mask\": \"round\", \"digits\": 1.5}", at + ".digits must be an integer for the round mask, got number"),
                Arguments.of("{\"mask\": \"round\", \"digits\": \"2\"}", at + ".digits must be an integer for the round mask, got string"),
                Arguments.of("{\"mask\": \"regex_replace\", \"replacement\": \"#\"}", at + ".pattern must be a string, got nothing"),
                Arguments.of("{\"mask\": \"regex_replace\", \"pattern\": \"(\", \"replacement\": \"#\"}",
                        at + ".pattern is not a valid regular expression: Unclosed group"),
                Arguments.of("{\"mask\": \"regex_replace\", \"pattern\": \"x\"}", at + ".replacement must be a string, got nothing"),
                Arguments.of("{\"mask\": \"rot13\"}", at + ".mask: unknown mask \"rot13\" (known: redact, show_last_4,"
                        + " show_first_4, hash, null, none, date_year, email_domain, constant, round, regex_replace,"
                        + " or {\"expression\": ...})"),
                Arguments.of("{\"mask\": \"hash\", \"rule\": 1}", at + ".rule must be a string, got number"));
    }

    @ParameterizedTest
    @MethodSource("malformedMasks")
    void malformedMaskNamesItsPath(String maskJson, String message) {
        assertMalformed(withMask(maskJson), message);
    }

    @Test
    void fullDecisionIsReadWithIdAndRevision() {
        Decision d = read("""
                {"allow": false, "reasons": ["analysts may read sales"],
                 "deny": [{"rule": "no_hr", "table": "sales.public.salaries", "message": "hr only"},
                          {"rule": "ssn", "table": "sales.public.people", "column": "ssn", "message": "no ssn"},
                          {"message": "not on weekends"}],
                 "tables": {"sales.public.people": {
                    "row_filters": [{"expression": "region = user_attribute('region')", "rule": "eu_only"},
                                    {"expression": "active"}],
                    "column_masks": {"email": {"mask": "email_domain", "rule": "pii_email"}},
                    "denied_columns": {"ssn": "ssn is restricted to hr",
                                       "pin": {"rule": "secret_columns", "message": "pin is secret"}}}}}""");

        assertThat(d.id()).isEqualTo("d-1");
        assertThat(d.revision()).isEqualTo("rev-1");
        assertThat(d.allow()).isFalse();
        assertThat(d.reasons()).containsExactly("analysts may read sales");
        assertThat(d.denials()).containsExactly(
                new Denial("no_hr", Optional.of("sales.public.salaries"), Optional.empty(), "hr only"),
                new Denial("ssn", Optional.of("sales.public.people"), Optional.of("ssn"), "no ssn"),
                new Denial("unnamed", Optional.empty(), Optional.empty(), "not on weekends"));
        TableDecision people = d.table("sales.public.people");
        assertThat(people.rowFilters()).containsExactly(
                new RowFilter("region = user_attribute('region')", "eu_only"), new RowFilter("active", "unnamed"));
        assertThat(people.columnMasks()).containsExactly(
                Map.entry("email", new ColumnMask(new Mask.EmailDomain(), "pii_email")));
        assertThat(people.deniedColumns()).containsOnly(
                Map.entry("ssn", new Denial("denied_columns", Optional.of(T), Optional.of("ssn"), "ssn is restricted to hr")),
                Map.entry("pin", new Denial("secret_columns", Optional.of(T), Optional.of("pin"), "pin is secret")));
        assertThat(people.unrestricted()).isFalse();
    }

    @Test
    void minimalDecisionLeavesEveryTableUnrestricted() {
        Decision d = read("{\"allow\": true}");

        assertThat(d.reasons()).isEmpty();
        assertThat(d.denials()).isEmpty();
        assertThat(d.tables()).isEmpty();
        assertThat(d.table("any.schema.table")).isEqualTo(TableDecision.UNRESTRICTED);
    }

    @Test
    void tableWithOnlyNoneMasksIsUnrestricted() {
        Decision d = read(withMask("{\"mask\": \"none\", \"rule\": \"looked\"}"));

        assertThat(d.table(T).unrestricted()).isTrue();
        assertThat(read(withMask("{\"mask\": \"hash\"}")).table(T).unrestricted()).isFalse();
    }

    @Test
    void missingDecisionIsUndefined() {
        for (JsonNode nothing : new JsonNode[] {null, MissingNode.getInstance(), NullNode.getInstance()}) {
            assertThatThrownBy(() -> DecisionReader.read(nothing, "", "r"))
                    .isInstanceOf(PolicyException.Undefined.class)
                    .hasMessageContaining("data.sluice.decision");
        }
    }

    static Stream<Arguments> malformedDecisions() {
        String table = "decision.tables[\"" + T + "\"]";
        return Stream.of(
                Arguments.of("[true]", "decision must be an object, got array"),
                Arguments.of("true", "decision must be an object, got boolean"),
                Arguments.of("{}", "decision.allow must be true or false, got nothing"),
                Arguments.of("{\"allow\": \"true\"}", "decision.allow must be true or false, got string"),
                Arguments.of("{\"allow\": 1}", "decision.allow must be true or false, got number"),
                Arguments.of("{\"allow\": true, \"reasons\": \"ok\"}", "decision.reasons must be an array of strings, got string"),
                Arguments.of("{\"allow\": true, \"reasons\": [\"ok\", 2]}", "decision.reasons[1] must be a string, got number"),
                Arguments.of("{\"allow\": false, \"deny\": {\"rule\": \"r\"}}", "decision.deny must be an array, got object"),
                Arguments.of("{\"allow\": false, \"deny\": [\"no\"]}", "decision.deny[0] must be an object, got string"),
                Arguments.of("{\"allow\": false, \"deny\": [{\"message\": \"m\"}, {\"rule\": \"r\"}]}",
                        "decision.deny[1].message must be a string, got nothing"),
                Arguments.of("{\"allow\": false, \"deny\": [{\"message\": \"m\", \"table\": 3}]}",
                        "decision.deny[0].table must be a string, got number"),
                Arguments.of("{\"allow\": true, \"tables\": []}", "decision.tables must be an object, got array"),
                Arguments.of("{\"allow\": true, \"tables\": {\"" + T + "\": true}}", table + " must be an object, got boolean"),
                Arguments.of("{\"allow\": true, \"tables\": {\"" + T + "\": {\"row_filters\": {}}}}",
                        table + ".row_filters must be an array, got object"),
                Arguments.of("{\"allow\": true, \"tables\": {\"" + T + "\": {\"row_filters\": [{\"rule\": \"r\"}]}}}",
                        table + ".row_filters[0].expression must be a string, got nothing"),
                Arguments.of("{\"allow\": true, \"tables\": {\"" + T + "\": {\"row_filters\": [\"a = 1\"]}}}",
                        table + ".row_filters[0] must be an object, got string"),
                Arguments.of("{\"allow\": true, \"tables\": {\"" + T + "\": {\"column_masks\": []}}}",
                        table + ".column_masks must be an object, got array"),
                Arguments.of("{\"allow\": true, \"tables\": {\"" + T + "\": {\"denied_columns\": [\"ssn\"]}}}",
                        table + ".denied_columns must be an object, got array"),
                Arguments.of("{\"allow\": true, \"tables\": {\"" + T + "\": {\"denied_columns\": {\"ssn\": {\"rule\": \"r\"}}}}}",
                        table + ".denied_columns.ssn.message must be a string, got nothing"),
                Arguments.of("{\"allow\": true, \"tables\": {\"" + T + "\": {\"denied_columns\": {\"ssn\": false}}}}",
                        table + ".denied_columns.ssn must be a message or an object with \"message\", got boolean"));
    }

    @ParameterizedTest
    @MethodSource("malformedDecisions")
    void malformedDecisionNamesItsPath(String json, String message) {
        assertMalformed(json, message);
    }
}
