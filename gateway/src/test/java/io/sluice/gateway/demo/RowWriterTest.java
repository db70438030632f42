package io.sluice.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class RowWriterTest {

    @Test
    void writesCopyTextFormat() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowWriter out = new RowWriter((b, n) -> bytes.write(b, 0, n));
        out.integer(42).decimal2(1234.5).decimal2(-0.05).decimal2(-1.0).text("tab\there\\ new\nline Kraków")
                .date(LocalDate.of(1996, 3, 13)).date(LocalDate.of(2024, 2, 29).toEpochDay())
                .timestamp(LocalDateTime.of(2020, 1, 2, 3, 4, 5));
        out.endRow();
        out.text("").endRow();
        assertThat(out.finish()).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "42\t1234.50\t-0.05\t-1.00\ttab\\there\\\\ new\\nline Kraków\t1996-03-13\t2024-02-29\t2020-01-02 03:04:05\n"
                        + "\n");
    }
}
