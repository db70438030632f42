package io.sluice.gateway.wire.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.wire.PgException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PgTypesTest {
    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(PgTypes.BOOL, true), Arguments.of(PgTypes.BOOL, false),
                Arguments.of(PgTypes.INT2, (short) -32768), Arguments.of(PgTypes.INT4, Integer.MAX_VALUE),
                Arguments.of(PgTypes.INT8, Long.MIN_VALUE), Arguments.of(PgTypes.OID, 4_294_967_295L),
                Arguments.of(PgTypes.FLOAT4, 1.1f), Arguments.of(PgTypes.FLOAT8, -2.5e-300), Arguments.of(PgTypes.FLOAT8, Double.NaN),
                Arguments.of(PgTypes.FLOAT8, Double.POSITIVE_INFINITY), Arguments.of(PgTypes.FLOAT8, 0.1),
                Arguments.of(PgTypes.NUMERIC, new BigDecimal("12345.6789")), Arguments.of(PgTypes.NUMERIC, new BigDecimal("-0.0001")),
                Arguments.of(PgTypes.NUMERIC, new BigDecimal("100000")), Arguments.of(PgTypes.NUMERIC, new BigDecimal("0")),
                Arguments.of(PgTypes.NUMERIC, new BigDecimal("0.00")), Arguments.of(PgTypes.NUMERIC, new BigDecimal("98765432109876543210.123456789")),
                Arguments.of(PgTypes.TEXT, "héllo, wörld"), Arguments.of(PgTypes.VARCHAR, ""), Arguments.of(PgTypes.BPCHAR, "ab "),
                Arguments.of(PgTypes.NAME, "pg_class"), Arguments.of(PgTypes.JSON, "{\"a\":[1,2]}"), Arguments.of(PgTypes.JSONB, "{\"a\": 1}"),
                Arguments.of(PgTypes.DATE, LocalDate.of(2024, 2, 29)), Arguments.of(PgTypes.DATE, LocalDate.of(1970, 1, 1)),
                Arguments.of(PgTypes.DATE, LocalDate.of(-43, 3, 15)),
                Arguments.of(PgTypes.TIME, LocalTime.of(23, 59, 59, 999_999_000)), Arguments.of(PgTypes.TIME, LocalTime.MIDNIGHT),
                Arguments.of(PgTypes.TIMESTAMP, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 1000)),
                Arguments.of(PgTypes.TIMESTAMPTZ, OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC)),
                Arguments.of(PgTypes.INTERVAL, new PgInterval(14, 3, 4_005_006_000L)), Arguments.of(PgTypes.INTERVAL, new PgInterval(0, -1, 3_600_000_000L)),
                Arguments.of(PgTypes.INTERVAL, new PgInterval(-1, 0, -1)), Arguments.of(PgTypes.INTERVAL, PgInterval.ZERO),
                Arguments.of(PgTypes.UUID, UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
                Arguments.of(PgTypes.arrayOf(PgTypes.INT4).orElseThrow(), List.of(1, 2, 3)),
                Arguments.of(PgTypes.arrayOf(PgTypes.TEXT).orElseThrow(), Arrays.asList("x", null, "y z", "a\"b\\c", "", "NULL", "{}")),
                Arguments.of(PgTypes.arrayOf(PgTypes.DATE).orElseThrow(), List.of(LocalDate.of(2020, 1, 1))),
                Arguments.of(PgTypes.arrayOf(PgTypes.NUMERIC).orElseThrow(), List.of()),
                Arguments.of(PgTypes.arrayOf(PgTypes.BOOL).orElseThrow(), List.of(true, false)));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void textRoundTrip(PgType type, Object value) {
        Object back = type.decode(type.encode(value, 0), 0);
        assertEquivalent(back, value);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void binaryRoundTrip(PgType type, Object value) {
        Object back = type.decode(type.encode(value, 1), 1);
        assertEquivalent(back, value);
    }

    private static void assertEquivalent(Object actual, Object expected) {
        if (expected instanceof BigDecimal d) {
            assertThat((BigDecimal) actual).isEqualByComparingTo(d);
            assertThat(((BigDecimal) actual).scale()).isEqualTo(Math.max(0, d.scale()));
        } else if (expected instanceof Double d && d.isNaN()) {
            assertThat((Double) actual).isNaN();
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void bytesRoundTrip() {
        byte[] bytes = {0, 1, (byte) 0xFF, '\\', '\''};
        assertThat((byte[]) PgTypes.BYTEA.decode(PgTypes.BYTEA.encode(bytes, 0), 0)).isEqualTo(bytes);
        assertThat((byte[]) PgTypes.BYTEA.decode(PgTypes.BYTEA.encode(bytes, 1), 1)).isEqualTo(bytes);
        assertThat(PgTypes.BYTEA.encodeText(bytes)).isEqualTo("\\x0001ff5c27");
        assertThat((byte[]) PgTypes.BYTEA.decodeText("a\\\\b\\001")).containsExactly('a', '\\', 'b', 1);
        PgType byteaArray = PgTypes.arrayOf(PgTypes.BYTEA).orElseThrow();
        assertThat(byteaArray.encodeText(List.of(new byte[] {1}))).isEqualTo("{\"\\\\x01\"}");
        List<?> back = (List<?>) byteaArray.decodeText("{\"\\\\x01\"}");
        assertThat((byte[]) back.getFirst()).containsExactly(1);
    }

    @Test
    void textFormsMatchPostgres() {
        assertThat(PgTypes.FLOAT8.encodeText(1e15)).isEqualTo("1e+15");
        assertThat(PgTypes.FLOAT8.encodeText(1e14)).isEqualTo("100000000000000");
        assertThat(PgTypes.FLOAT8.encodeText(0.1)).isEqualTo("0.1");
        assertThat(PgTypes.FLOAT8.encodeText(1.5e-5)).isEqualTo("1.5e-05");
        assertThat(PgTypes.FLOAT8.encodeText(-3.0)).isEqualTo("-3");
        assertThat(PgTypes.FLOAT4.encodeText(1e6f)).isEqualTo("1e+06");
        assertThat(PgTypes.FLOAT4.encodeText(123456f)).isEqualTo("123456");
        assertThat(PgTypes.FLOAT8.encodeText(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(PgTypes.BOOL.encodeText(true)).isEqualTo("t");
        assertThat(PgTypes.NUMERIC.encodeText(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(PgTypes.INTERVAL.encodeText(new PgInterval(14, 3, 4_005_006_000L))).isEqualTo("1 year 2 mons 3 days 01:06:45.006");
        assertThat(PgTypes.INTERVAL.encodeText(new PgInterval(0, -1, 3_600_000_000L))).isEqualTo("-1 days +01:00:00");
        assertThat(PgTypes.INTERVAL.encodeText(new PgInterval(0, 0, -90_000_000L))).isEqualTo("-00:01:30");
        assertThat(PgTypes.INTERVAL.encodeText(PgInterval.ZERO)).isEqualTo("00:00:00");
        assertThat(PgTypes.TIMESTAMP.encodeText(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6_000_000))).isEqualTo("2024-01-02 03:04:05.006");
        assertThat(PgTypes.TIMESTAMPTZ.encodeText(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(5, 30))))
                .isEqualTo("2024-01-02 03:04:05+05:30");
        assertThat(PgTypes.TIMESTAMPTZ.encodeText(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC))).isEqualTo("2024-01-02 03:04:05+00");
        assertThat(PgTypes.DATE.encodeText(LocalDate.of(-43, 3, 15))).isEqualTo("0044-03-15 BC");
        assertThat(PgTypes.TIME.encodeText(LocalTime.of(1, 2, 3, 400_000_000))).isEqualTo("01:02:03.4");
        assertThat(PgTypes.TIME.encodeText(LocalTime.of(23, 59, 9, 1_000))).isEqualTo("23:59:09.000001");
        assertThat(PgTypes.DATE.encodeText(LocalDate.of(12345, 6, 7))).isEqualTo("12345-06-07");
        assertThat(PgTypes.DATE.encodeText(LocalDate.of(7, 12, 31))).isEqualTo("0007-12-31");
        assertThat(PgTypes.arrayOf(PgTypes.TEXT).orElseThrow().encodeText(Arrays.asList("x", null, "y z")))
                .isEqualTo("{x,NULL,\"y z\"}");
    }

    @Test
    void textInputsClientsSend() {
        assertThat(PgTypes.INTERVAL.decodeText("0 years 0 mons 1 days 2 hours 3 mins 4.5 secs")).isEqualTo(new PgInterval(0, 1, 7_384_500_000L));
        assertThat(PgTypes.INTERVAL.decodeText("P1Y2M3DT4H5M6.5S")).isEqualTo(new PgInterval(14, 3, 14_706_500_000L));
        assertThat(PgTypes.INTERVAL.decodeText("1 day -01:00:00")).isEqualTo(new PgInterval(0, 1, -3_600_000_000L));
        assertThat(PgTypes.INTERVAL.decodeText("@ 2 days ago")).isEqualTo(new PgInterval(0, -2, 0));
        assertThat(PgTypes.TIMESTAMPTZ.decodeText("2024-01-02 03:04:05.123+02"))
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000, ZoneOffset.ofHours(2)));
        assertThat(PgTypes.TIMESTAMPTZ.decodeText("2024-01-02T03:04:05Z")).isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        assertThat(PgTypes.TIMESTAMP.decodeText("2024-01-02 03:04:05")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(PgTypes.TIMESTAMP.decodeText("2024-01-02")).isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
        assertThat(PgTypes.BOOL.decodeText("yes")).isEqualTo(true);
        assertThat(PgTypes.UUID.decodeText("{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}")).isEqualTo(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        assertThat(PgTypes.arrayOf(PgTypes.INT4).orElseThrow().decodeText("{1, 2 ,NULL}")).isEqualTo(Arrays.asList(1, 2, null));
    }

    @Test
    void binaryNumericLayout() {
        ByteBuffer b = ByteBuffer.wrap(PgTypes.NUMERIC.encodeBinary(new BigDecimal("12345.6789")));
        assertThat(new short[] {b.getShort(), b.getShort(), b.getShort(), b.getShort(), b.getShort(), b.getShort(), b.getShort()})
                .containsExactly(3, 1, 0, 4, 1, 2345, 6789);
        b = ByteBuffer.wrap(PgTypes.NUMERIC.encodeBinary(new BigDecimal("-0.0001")));
        assertThat(new short[] {b.getShort(), b.getShort(), b.getShort(), b.getShort(), b.getShort()})
                .containsExactly(1, -1, 0x4000, 4, 1);
        assertThat(HexFormat.of().formatHex(PgTypes.NUMERIC.encodeBinary(BigDecimal.ZERO))).isEqualTo("0000000000000000");
        assertThat(HexFormat.of().formatHex(PgTypes.DATE.encodeBinary(LocalDate.of(2000, 1, 2)))).isEqualTo("00000001");
        assertThat(HexFormat.of().formatHex(PgTypes.JSONB.encodeBinary("{}"))).isEqualTo("017b7d");
    }

    @Test
    void badInputIsReportedWithSqlState() {
        assertThatThrownBy(() -> PgTypes.INT4.decode("abc".getBytes(), 0))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("22P02"));
        assertThatThrownBy(() -> PgTypes.INT2.decode("70000".getBytes(), 0))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("22003"));
        assertThatThrownBy(() -> PgTypes.INT8.decode(new byte[3], 1))
                .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.sqlState()).isEqualTo("22P03"));
        assertThatThrownBy(() -> PgTypes.DATE.decode("2024-13-01".getBytes(), 0)).isInstanceOf(PgException.class);
    }

    @Test
    void registry() {
        assertThat(PgTypes.byOid(23)).contains(PgTypes.INT4);
        assertThat(PgTypes.byOid(1007).orElseThrow().name()).isEqualTo("_int4");
        assertThat(PgTypes.byName("double precision")).contains(PgTypes.FLOAT8);
        assertThat(PgTypes.byName("character varying")).contains(PgTypes.VARCHAR);
        assertThat(PgTypes.byOid(999_999)).isEmpty();
        for (PgType type : PgTypes.all()) {
            assertThat(PgTypes.byOid(type.oid())).contains(type);
            if (type instanceof ArrayType array) {
                assertThat(array.elementType().arrayOid()).isEqualTo(array.oid());
                assertThat(array.typlen()).isEqualTo((short) -1);
            }
        }
        assertThat(PgTypes.INTERVAL.typlen()).isEqualTo((short) 16);
        assertThat(PgTypes.NAME.typlen()).isEqualTo((short) 64);
    }
}
