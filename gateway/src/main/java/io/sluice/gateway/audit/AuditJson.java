package io.sluice.gateway.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.gateway.audit.AuditEntry.Checkpoint;
import io.sluice.gateway.audit.AuditEntry.Recovered;
import io.sluice.gateway.audit.AuditEntry.Statement;
import io.sluice.gateway.audit.AuditRecord.Client;
import io.sluice.gateway.audit.AuditRecord.ColumnMask;
import io.sluice.gateway.audit.AuditRecord.Fragment;
import io.sluice.gateway.audit.AuditRecord.PolicySummary;
import io.sluice.gateway.audit.AuditRecord.RowFilter;
import io.sluice.gateway.audit.AuditRecord.StatementError;
import io.sluice.gateway.audit.AuditRecord.TablePolicy;
import io.sluice.gateway.audit.AuditRecord.TableRead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The canonical JSON of audit lines, written and read back.
 *
 * <p>Canonical form: compact JSON (no spaces), keys in the fixed order below, strings as Jackson
 * escapes them, UTF-8, times as {@code 2026-11-22T02:49:13.123456Z}, whole numbers only. A line
 * is its canonical body followed by {@code "hash"} (and, for checkpoints, {@code "signature"}):
 * <pre>
 *   body  = {"seq":..,"time":..,"query_id":..,"user":..,"groups":[..],"client":{..},"sql":..,"kind":..,
 *            "outcome":..,"error":..,"tables":[..],"policy":..,"fragments":[..],"rows":..,"bytes":..,
 *            "duration_ms":..,"prev_hash":".."}
 *   hash  = hex(SHA-256(UTF-8(body)))              -- covers prev_hash, hence the whole chain
 *   line  = body without its final '}' + ,"hash":".." [,"signature":".."] + }
 * </pre>
 * Event lines ({@code checkpoint}, {@code recovered}) have {@code seq}, {@code time}, {@code event},
 * their own fields, {@code prev_hash}. A verifier recomputes the body by parsing the line, dropping
 * {@code hash} and {@code signature} and writing it again; a line that does not write back to
 * exactly itself is not canonical and is reported as altered.
 */
public final class AuditJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private AuditJson() {}

    /** A line ready to append: its bytes (with the newline) and its hash. */
    record Sealed(byte[] bytes, String hash) {}

    static Sealed statement(long seq, AuditRecord r, String prevHash) {
        return seal(write(g -> {
            g.writeNumberField("seq", seq);
            g.writeStringField("time", time(r.time()));
            g.writeStringField("query_id", r.queryId());
            g.writeStringField("user", r.user());
            strings(g, "groups", r.groups());
            g.writeObjectFieldStart("client");
            optional(g, "address", r.client().address());
            optional(g, "application", r.client().application());
            g.writeStringField("protocol", r.client().protocol());
            g.writeEndObject();
            g.writeStringField("sql", r.sql());
            g.writeStringField("kind", r.kind());
            g.writeStringField("outcome", r.outcome().wireName());
            if (r.error().isPresent()) {
                g.writeObjectFieldStart("error");
                g.writeStringField("sqlstate", r.error().get().sqlstate());
                g.writeStringField("message", r.error().get().message());
                g.writeEndObject();
            } else {
                g.writeNullField("error");
            }
            g.writeArrayFieldStart("tables");
            for (TableRead t : r.tables()) {
                g.writeStartObject();
                g.writeStringField("table", t.table());
                strings(g, "columns", t.columns());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (r.policy().isPresent()) {
                policy(g, r.policy().get());
            } else {
                g.writeNullField("policy");
            }
            g.writeArrayFieldStart("fragments");
            for (Fragment f : r.fragments()) {
                g.writeStartObject();
                g.writeStringField("source", f.source());
                g.writeStringField("sql", f.sql());
                g.writeNumberField("rows", f.rows());
                g.writeNumberField("elapsed_ms", f.elapsedMs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("rows", r.rows());
            g.writeNumberField("bytes", r.bytes());
            g.writeNumberField("duration_ms", r.durationMs());
            g.writeStringField("prev_hash", prevHash);
        }), Optional.empty());
    }

    static Sealed checkpoint(long seq, Instant time, Checkpoint.Reason reason, String file, AuditKeys keys,
            String prevHash) {
        byte[] body = write(g -> {
            g.writeNumberField("seq", seq);
            g.writeStringField("time", time(time));
            g.writeStringField("event", "checkpoint");
            g.writeStringField("reason", reason.name().toLowerCase(Locale.ROOT));
            g.writeStringField("file", file);
            g.writeStringField("key_id", keys.keyId());
            g.writeStringField("prev_hash", prevHash);
        });
        return seal(body, Optional.of(keys));
    }

    static Sealed recovered(long seq, Instant time, String file, long truncatedBytes, String truncatedSha256,
            String prevHash) {
        return seal(write(g -> {
            g.writeNumberField("seq", seq);
            g.writeStringField("time", time(time));
            g.writeStringField("event", "recovered");
            g.writeStringField("file", file);
            g.writeNumberField("truncated_bytes", truncatedBytes);
            g.writeStringField("truncated_sha256", truncatedSha256);
            g.writeStringField("prev_hash", prevHash);
        }), Optional.empty());
    }

    private static void policy(JsonGenerator g, PolicySummary p) throws IOException {
        g.writeObjectFieldStart("policy");
        g.writeStringField("decision_id", p.decisionId());
        g.writeStringField("bundle_revision", p.bundleRevision());
        strings(g, "rules", p.rules());
        g.writeArrayFieldStart("tables");
        for (TablePolicy t : p.tables()) {
            g.writeStartObject();
            g.writeStringField("table", t.table());
            g.writeArrayFieldStart("filters");
            for (RowFilter f : t.filters()) {
                g.writeStartObject();
                g.writeStringField("rule", f.rule());
                g.writeStringField("expression", f.expression());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("masks");
            for (ColumnMask m : t.masks()) {
                g.writeStartObject();
                g.writeStringField("column", m.column());
                g.writeStringField("mask", m.mask());
                g.writeStringField("rule", m.rule());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Hashes the body, signs the hash when keys are given, and closes the line. */
    private static Sealed seal(byte[] body, Optional<AuditKeys> signer) {
        String hash = sha256(body);
        StringBuilder tail = new StringBuilder(",\"hash\":\"").append(hash).append('"');
        signer.ifPresent(k -> tail.append(",\"signature\":\"").append(k.sign(hash)).append('"'));
        tail.append("}\n");
        byte[] end = tail.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[body.length - 1 + end.length];
        System.arraycopy(body, 0, line, 0, body.length - 1);
        System.arraycopy(end, 0, line, body.length - 1, end.length);
        return new Sealed(line, hash);
    }

    /** A parsed line and the two facts a verifier needs besides its fields. */
    record Parsed(AuditEntry entry, boolean canonical, String computedHash) {}

    /**
     * Reads one line (without its newline). Throws {@link AuditFormatException} when it is not
     * an audit line at all; a line that parses but was altered comes back with
     * {@code canonical == false} or a {@code computedHash} different from its {@code hash}.
     */
    static Parsed parse(String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AuditFormatException("not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new AuditFormatException("not a JSON object");
        }
        boolean canonical;
        String computed;
        try {
            canonical = MAPPER.writeValueAsString(object).equals(line);
            ObjectNode body = object.deepCopy();
            body.remove("hash");
            body.remove("signature");
            computed = sha256(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new AuditFormatException("cannot write back: " + e.getOriginalMessage());
        }
        return new Parsed(entry(object), canonical, computed);
    }

    static AuditEntry entry(ObjectNode n) {
        long seq = number(n, "seq");
        String prev = text(n, "prev_hash");
        String hash = text(n, "hash");
        if (!n.has("event")) {
            return new Statement(seq, record(n), prev, hash);
        }
        Instant time = instant(n, "time");
        return switch (text(n, "event")) {
            case "checkpoint" -> new Checkpoint(seq, time, reason(text(n, "reason")), text(n, "file"),
                    text(n, "key_id"), prev, hash, text(n, "signature"));
            case "recovered" -> new Recovered(seq, time, text(n, "file"), number(n, "truncated_bytes"),
                    text(n, "truncated_sha256"), prev, hash);
            default -> throw new AuditFormatException("unknown event '" + text(n, "event") + "'");
        };
    }

    private static AuditRecord record(ObjectNode n) {
        JsonNode client = field(n, "client");
        JsonNode error = field(n, "error");
        JsonNode policy = field(n, "policy");
        return new AuditRecord(instant(n, "time"), text(n, "query_id"), text(n, "user"), strings(n, "groups"),
                new Client(optional(client, "address"), optional(client, "application"), text(client, "protocol")),
                text(n, "sql"), text(n, "kind"),
                AuditRecord.Outcome.fromWireName(text(n, "outcome"))
                        .orElseThrow(() -> new AuditFormatException("unknown outcome '" + text(n, "outcome") + "'")),
                error.isNull() ? Optional.empty()
                        : Optional.of(new StatementError(text(error, "sqlstate"), text(error, "message"))),
                list(n, "tables", t -> new TableRead(text(t, "table"), strings(t, "columns"))),
                policy.isNull() ? Optional.empty() : Optional.of(new PolicySummary(text(policy, "decision_id"),
                        text(policy, "bundle_revision"), strings(policy, "rules"),
                        list(policy, "tables", t -> new TablePolicy(text(t, "table"),
                                list(t, "filters", f -> new RowFilter(text(f, "rule"), text(f, "expression"))),
                                list(t, "masks", m -> new ColumnMask(text(m, "column"), text(m, "mask"),
                                        text(m, "rule"))))))),
                list(n, "fragments", f -> new Fragment(text(f, "source"), text(f, "sql"), number(f, "rows"),
                        number(f, "elapsed_ms"))),
                number(n, "rows"), number(n, "bytes"), number(n, "duration_ms"));
    }

    private static Checkpoint.Reason reason(String name) {
        for (Checkpoint.Reason r : Checkpoint.Reason.values()) {
            if (r.name().equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new AuditFormatException("unknown checkpoint reason '" + name + "'");
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null) {
            throw new AuditFormatException("missing key '" + name + "'");
        }
        return v;
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isTextual()) {
            throw new AuditFormatException("'" + name + "' must be a string");
        }
        return v.asText();
    }

    private static Optional<String> optional(JsonNode n, String name) {
        return field(n, name).isNull() ? Optional.empty() : Optional.of(text(n, name));
    }

    private static long number(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (!v.isIntegralNumber()) {
            throw new AuditFormatException("'" + name + "' must be a whole number");
        }
        return v.asLong();
    }

    private static Instant instant(JsonNode n, String name) {
        try {
            return Instant.parse(text(n, name));
        } catch (java.time.format.DateTimeParseException e) {
            throw new AuditFormatException("'" + name + "' is not a time: " + text(n, name));
        }
    }

    private static List<String> strings(JsonNode n, String name) {
        return list(n, name, v -> {
            if (!v.isTextual()) {
                throw new AuditFormatException("'" + name + "' must hold strings");
            }
            return v.asText();
        });
    }

    private static <T> List<T> list(JsonNode n, String name, Function<JsonNode, T> element) {
        JsonNode v = field(n, name);
        if (!v.isArray()) {
            throw new AuditFormatException("'" + name + "' must be a list");
        }
        List<T> out = new ArrayList<>(v.size());
        v.forEach(e -> out.add(element.apply(e)));
        return out;
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void optional(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        } else {
            g.writeNullField(name);
        }
    }
}
