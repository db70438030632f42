package io.sluice.gateway.demo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Encodes rows as tab-separated text with backslash escapes: the format both PostgreSQL's
 * {@code COPY ... FROM STDIN} (text) and MariaDB's {@code LOAD DATA} (defaults) read, so one encoder
 * feeds both databases. Output goes to a {@link Sink} in chunks of about 256 KiB.
 */
final class RowWriter {

    /** Receives encoded UTF-8 chunks. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int length) throws IOException;
    }

    private static final int CHUNK_CHARS = 256 * 1024;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    // TPC-H dates fall in 1992-1998; formatting them once saves most of LocalDate.toString's cost.
    private static final int DATE_CACHE_FIRST = (int) LocalDate.of(1990, 1, 1).toEpochDay();
    private static final String[] DATE_CACHE = new String[(int) (LocalDate.of(2000, 1, 1).toEpochDay() - DATE_CACHE_FIRST)];

    static {
        for (int i = 0; i < DATE_CACHE.length; i++) {
            DATE_CACHE[i] = LocalDate.ofEpochDay(DATE_CACHE_FIRST + i).toString();
        }
    }

    private final Sink sink;
    private final StringBuilder buffer = new StringBuilder(CHUNK_CHARS + 4096);
    private boolean firstField = true;
    private long rows;

    RowWriter(Sink sink) {
        this.sink = requireNonNull(sink, "sink");
    }

    RowWriter text(String value) {
        separate();
        int i = 0;
        while (i < value.length() && !needsEscape(value.charAt(i))) {
            i++;
        }
        // Almost no generated text needs escaping: append it in one go.
        buffer.append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
        return this;
    }

    RowWriter integer(long value) {
        separate();
        buffer.append(value);
        return this;
    }

    /** A DECIMAL(15,2) value: TPC-H generates money as exact cents, exposed as double. */
    RowWriter decimal2(double value) {
        separate();
        long cents = Math.round(value * 100);
        if (cents < 0) {
            buffer.append('-');
            cents = -cents;
        }
        buffer.append(cents / 100).append('.');
        long fraction = cents % 100;
        if (fraction < 10) {
            buffer.append('0');
        }
        buffer.append(fraction);
        return this;
    }

    RowWriter date(long epochDay) {
        separate();
        long index = epochDay - DATE_CACHE_FIRST;
        buffer.append(index >= 0 && index < DATE_CACHE.length
                ? DATE_CACHE[(int) index] : LocalDate.ofEpochDay(epochDay).toString());
        return this;
    }

    RowWriter date(LocalDate value) {
        return date(value.toEpochDay());
    }

    RowWriter timestamp(LocalDateTime value) {
        separate();
        buffer.append(TIMESTAMP.format(value));
        return this;
    }

    void endRow() throws IOException {
        buffer.append('\n');
        firstField = true;
        rows++;
        if (buffer.length() >= CHUNK_CHARS) {
            flush();
        }
    }

    /** Writes what is buffered; returns the number of rows written so far. */
    long finish() throws IOException {
        flush();
        return rows;
    }

    long rows() {
        return rows;
    }

    private static boolean needsEscape(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }

    private void separate() {
        if (!firstField) {
            buffer.append('\t');
        }
        firstField = false;
    }

    private void flush() throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        sink.write(bytes, bytes.length);
    }
}
