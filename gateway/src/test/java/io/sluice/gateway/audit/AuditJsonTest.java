package io.sluice.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.audit.AuditEntry.Statement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AuditJsonTest {
    private static String line(AuditRecord record) {
        return new String(AuditJson.statement(7, record, AuditEntry.GENESIS).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void topLevelKeysComeInTheDesignOrder() {
        String line = line(AuditFixtures.full(1));
        assertThat(line).endsWith("}\n");
        List<String> keys = new ArrayList<>();
        // Top-level keys only: track nesting depth while scanning.
        Matcher m = Pattern.compile("\"([a-z_]+)\":").matcher(line);
        while (m.find()) {
            if (depth(line, m.start()) == 1) {
                keys.add(m.group(1));
            }
        }
        assertThat(keys).containsExactly("seq", "time", "query_id", "user", "groups", "client", "sql", "kind",
                "outcome", "error", "tables", "policy", "fragments", "rows", "bytes", "duration_ms", "prev_hash",
                "hash");
    }

    private static int depth(String s, int end) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '"' && s.charAt(i - 1) != '\\') {
                inString = !inString;
            } else if (!inString && (c == '{' || c == '[')) {
                depth++;
            } else if (!inString && (c == '}' || c == ']')) {
                depth--;
            }
        }
        return depth;
    }

    @Test
    void absentValuesAreNullAndEmptyListsAreEmpty() {
        AuditRecord bare = AuditRecord.builder("q_1", "ana", "set search_path = x").kind("set").build();
        String line = line(bare);
        assertThat(line).contains("\"error\":null", "\"policy\":null", "\"tables\":[]", "\"fragments\":[]",
                "\"groups\":[]", "\"address\":null");
    }

    @Test
    void aLineReadsBackToTheSameRecordAndItsHashChecks() {
        AuditRecord record = AuditFixtures.full(3);
        AuditJson.Sealed sealed = AuditJson.statement(7, record, "ab".repeat(32));
        String text = new String(sealed.bytes(), StandardCharsets.UTF_8).stripTrailing();
        AuditJson.Parsed parsed = AuditJson.parse(text);
        assertThat(parsed.canonical()).isTrue();
        assertThat(parsed.computedHash()).isEqualTo(sealed.hash());
        Statement statement = (Statement) parsed.entry();
        assertThat(statement.seq()).isEqualTo(7);
        assertThat(statement.prevHash()).isEqualTo("ab".repeat(32));
        assertThat(statement.hash()).isEqualTo(sealed.hash());
        assertThat(statement.record()).isEqualTo(record);
    }

    @Test
    void unicodeAndControlCharactersSurviveTheRoundTrip() {
        AuditRecord record = AuditRecord.builder("q_u", "zoë", "select 'tab\there', '\"q\"', 'ünï', '\u0001'").build();
        String text = line(record).stripTrailing();
        AuditJson.Parsed parsed = AuditJson.parse(text);
        assertThat(parsed.canonical()).isTrue();
        assertThat(((Statement) parsed.entry()).record()).isEqualTo(record);
    }

    @Test
    void editsShowAsAWrongHashOrANonCanonicalLine() {
        String text = line(AuditFixtures.full(1)).stripTrailing();
        AuditJson.Parsed edited = AuditJson.parse(text.replace("\"rows\":1,", "\"rows\":2,"));
        assertThat(edited.computedHash()).isNotEqualTo(edited.entry().hash());
        AuditJson.Parsed spaced = AuditJson.parse(text.replace("\"rows\":1,", "\"rows\": 1,"));
        assertThat(spaced.canonical()).isFalse();
    }

    @Test
    void aBrokenLineIsAFormatErrorNamingTheProblem() {
        assertThatThrownBy(() -> AuditJson.parse("{\"seq\":1,")).isInstanceOf(AuditFormatException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> AuditJson.parse("{\"seq\":\"x\",\"prev_hash\":\"a\",\"hash\":\"b\"}"))
                .isInstanceOf(AuditFormatException.class).hasMessageContaining("'seq' must be a whole number");
    }
}
