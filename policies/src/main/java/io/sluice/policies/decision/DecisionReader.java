package io.sluice.policies.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.policies.decision.Decision.ColumnMask;
import io.sluice.policies.decision.Decision.Denial;
import io.sluice.policies.decision.Decision.RowFilter;
import io.sluice.policies.decision.Decision.TableDecision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a decision document strictly: anything that is not the documented shape is a
 * {@link PolicyException.MalformedDecision} (and so a denial), never a guess.
 *
 * <pre>
 * {"allow": true, "reasons": ["..."],
 *  "deny": [{"rule": "...", "table": "src.schema.t", "column": "c", "message": "..."}],
 *  "tables": {"src.schema.t": {
 *      "row_filters":   [{"expression": "region = user_attribute('region')", "rule": "eu_only"}],
 *      "column_masks":  {"email": {"mask": "email_domain", "rule": "pii_email"},
 *                        "salary": {"mask": "round", "digits": -3, "rule": "..."},
 *                        "note": {"expression": "left(note, 10)", "rule": "..."}},
 *      "denied_columns": {"ssn": "ssn is restricted to hr"}       // or {"rule": "...", "message": "..."}
 *  }}}
 * </pre>
 */
public final class DecisionReader {
    private DecisionReader() {}

    public static Decision read(JsonNode doc, String id, String revision) {
        if (doc == null || doc.isMissingNode() || doc.isNull()) {
            throw new PolicyException.Undefined("the policy did not define data.sluice.decision for this statement");
        }
        if (!doc.isObject()) {
            throw malformed("decision", "an object", doc);
        }
        JsonNode allow = doc.get("allow");
        if (allow == null || !allow.isBoolean()) {
            throw malformed("decision.allow", "true or false", allow);
        }
        List<String> reasons = strings(doc.get("reasons"), "decision.reasons");
        List<Denial> denials = new ArrayList<>();
        JsonNode deny = doc.get("deny");
        if (deny != null) {
            if (!deny.isArray()) {
                throw malformed("decision.deny", "an array", deny);
            }
            for (int i = 0; i < deny.size(); i++) {
                denials.add(denial(deny.get(i), "decision.deny[" + i + "]"));
            }
        }
        Map<String, TableDecision> tables = new LinkedHashMap<>();
        JsonNode tablesNode = doc.get("tables");
        if (tablesNode != null) {
            if (!tablesNode.isObject()) {
                throw malformed("decision.tables", "an object", tablesNode);
            }
            for (var e : tablesNode.properties()) {
                tables.put(e.getKey(), table(e.getKey(), e.getValue(), "decision.tables[\"" + e.getKey() + "\"]"));
            }
        }
        return new Decision(id, revision, allow.booleanValue(), reasons, denials, tables);
    }

    private static TableDecision table(String key, JsonNode node, String where) {
        if (!node.isObject()) {
            throw malformed(where, "an object", node);
        }
        List<RowFilter> filters = new ArrayList<>();
        JsonNode rf = node.get("row_filters");
        if (rf != null) {
            if (!rf.isArray()) {
                throw malformed(where + ".row_filters", "an array", rf);
            }
            for (int i = 0; i < rf.size(); i++) {
                JsonNode f = rf.get(i);
                String at = where + ".row_filters[" + i + "]";
                if (!f.isObject()) {
                    throw malformed(at, "an object", f);
                }
                filters.add(new RowFilter(text(f, "expression", at), ruleOf(f, at)));
            }
        }
        Map<String, ColumnMask> masks = new LinkedHashMap<>();
        JsonNode cm = node.get("column_masks");
        if (cm != null) {
            if (!cm.isObject()) {
                throw malformed(where + ".column_masks", "an object", cm);
            }
            for (var e : cm.properties()) {
                String at = where + ".column_masks." + e.getKey();
                masks.put(e.getKey(), new ColumnMask(mask(e.getValue(), at), ruleOf(e.getValue(), at)));
            }
        }
        Map<String, Denial> denied = new LinkedHashMap<>();
        JsonNode dc = node.get("denied_columns");
        if (dc != null) {
            if (!dc.isObject()) {
                throw malformed(where + ".denied_columns", "an object", dc);
            }
            for (var e : dc.properties()) {
                String at = where + ".denied_columns." + e.getKey();
                JsonNode v = e.getValue();
                if (!v.isTextual() && !v.isObject()) {
                    throw malformed(at, "a message or an object with \"message\"", v);
                }
                Denial d = v.isTextual()
                        ? new Denial("denied_columns", Optional.of(key), Optional.of(e.getKey()), v.asText())
                        : new Denial(ruleOf(v, at), Optional.of(key), Optional.of(e.getKey()), text(v, "message", at));
                denied.put(e.getKey(), d);
            }
        }
        return new TableDecision(filters, masks, denied);
    }

    static Mask mask(JsonNode node, String where) {
        if (!node.isObject()) {
            throw malformed(where, "an object with \"mask\" or \"expression\"", node);
        }
        if (node.has("expression")) {
            return new Mask.Expression(text(node, "expression", where));
        }
        String name = text(node, "mask", where);
        return switch (name) {
            case "redact" -> new Mask.Redact();
            case "show_last_4" -> new Mask.ShowLast4();
            case "show_first_4" -> new Mask.ShowFirst4();
            case "hash" -> new Mask.Hash();
            case "null" -> new Mask.Null();
            case "none" -> new Mask.None();
            case "date_year" -> new Mask.DateYear();
            case "email_domain" -> new Mask.EmailDomain();
            case "constant" -> {
                JsonNode v = node.get("value");
                if (v == null || !(v.isValueNode()) || v.isNull()) {
                    throw malformed(where + ".value", "a string or number for the constant mask", v);
                }
                yield new Mask.Constant(v.asText());
            }
            case "round" -> {
                JsonNode d = node.get("digits");
                if (d == null || !d.canConvertToInt() || !d.isIntegralNumber()) {
                    throw malformed(where + ".digits", "an integer for the round mask", d);
                }
                yield new Mask.Round(d.intValue());
            }
            case "regex_replace" -> {
                String pattern = text(node, "pattern", where);
                try {
                    java.util.regex.Pattern.compile(pattern);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new PolicyException.MalformedDecision(
                            where + ".pattern is not a valid regular expression: " + e.getDescription());
                }
                yield new Mask.RegexReplace(pattern, text(node, "replacement", where));
            }
            default -> throw new PolicyException.MalformedDecision(where + ".mask: unknown mask \"" + name
                    + "\" (known: redact, show_last_4, show_first_4, hash, null, none, date_year, email_domain,"
                    + " constant, round, regex_replace, or {\"expression\": ...})");
        };
    }

    private static Denial denial(JsonNode node, String where) {
        if (!node.isObject()) {
            throw malformed(where, "an object", node);
        }
        return new Denial(ruleOf(node, where), optionalText(node, "table", where),
                optionalText(node, "column", where), text(node, "message", where));
    }

    private static String ruleOf(JsonNode node, String where) {
        return node.has("rule") ? text(node, "rule", where) : "unnamed";
    }

    private static Optional<String> optionalText(JsonNode node, String field, String where) {
        return node.has(field) ? Optional.of(text(node, field, where)) : Optional.empty();
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isTextual()) {
            throw malformed(where + "." + field, "a string", v);
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode node, String where) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw malformed(where, "an array of strings", node);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            if (!n.isTextual()) {
                throw malformed(where + "[" + i + "]", "a string", n);
            }
            out.add(n.asText());
        }
        return out;
    }

    private static PolicyException.MalformedDecision malformed(String where, String expected, JsonNode got) {
        String kind = got == null ? "nothing" : got.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return new PolicyException.MalformedDecision(where + " must be " + expected + ", got " + kind);
    }
}
