package io.sluice.gateway.wire.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code numeric}: {@link BigDecimal} (or {@link Double#NaN} for NaN). The binary format is
 * PostgreSQL's: int16 ndigits, int16 weight, int16 sign, int16 dscale, then ndigits base-10000
 * digits, most significant first; the value is sum(digit[i] * 10000^(weight - i)).
 */
final class NumericType extends PgType {
    private static final short POSITIVE = 0x0000;
    private static final short NEGATIVE = 0x4000;
    private static final short NAN = (short) 0xC000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    NumericType() {
        super(1700, "numeric", -1, 1231);
    }

    @Override
    public Class<?> javaType() {
        return BigDecimal.class;
    }

    private static boolean isNaN(Object value) {
        return value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN();
    }

    private BigDecimal value(Object value) {
        return switch (value) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case Double d -> new BigDecimal(Double.toString(d));
            case Float f -> new BigDecimal(Float.toString(f));
            case String s -> new BigDecimal(s.strip());
            default -> throw wrongClass(value);
        };
    }

    @Override
    public String encodeText(Object value) {
        if (isNaN(value)) {
            return "NaN";
        }
        return value(value).toPlainString();
    }

    @Override
    public Object decodeText(String text) {
        String t = text.strip();
        if (t.toLowerCase(Locale.ROOT).equals("nan")) {
            return Double.NaN;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw invalidText(text);
        }
    }

    @Override
    public byte[] encodeBinary(Object value) {
        if (isNaN(value)) {
            return ByteBuffer.allocate(8).putShort((short) 0).putShort((short) 0).putShort(NAN).putShort((short) 0).array();
        }
        BigDecimal d = value(value);
        int dscale = Math.max(d.scale(), 0);
        BigInteger unscaled = d.unscaledValue().abs();
        int scale = d.scale();
        if (scale < 0) {
            unscaled = unscaled.multiply(BigInteger.TEN.pow(-scale));
            scale = 0;
        }
        // Align the fraction to whole base-10000 digits.
        int fracGroups = (scale + 3) / 4;
        unscaled = unscaled.multiply(BigInteger.TEN.pow(fracGroups * 4 - scale));
        List<Short> groups = new ArrayList<>(); // least significant first
        while (unscaled.signum() > 0) {
            BigInteger[] qr = unscaled.divideAndRemainder(TEN_THOUSAND);
            groups.add(qr[1].shortValue());
            unscaled = qr[0];
        }
        int weight = groups.size() - fracGroups - 1;
        // Drop trailing zero digits (least significant) and leading zeros (most significant).
        int low = 0;
        while (low < groups.size() && groups.get(low) == 0) {
            low++;
        }
        int high = groups.size() - 1;
        while (high >= low && groups.get(high) == 0) {
            high--;
            weight--;
        }
        int ndigits = high >= low ? high - low + 1 : 0;
        if (ndigits == 0) {
            weight = 0;
        }
        ByteBuffer buf = ByteBuffer.allocate(8 + 2 * ndigits);
        buf.putShort((short) ndigits).putShort((short) weight)
                .putShort(d.signum() < 0 ? NEGATIVE : POSITIVE).putShort((short) dscale);
        for (int i = high; i >= low; i--) {
            buf.putShort(groups.get(i));
        }
        return buf.array();
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        if (bytes.length < 8) {
            throw invalidBinary(bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int ndigits = buf.getShort();
        int weight = buf.getShort();
        short sign = buf.getShort();
        int dscale = buf.getShort() & 0xFFFF;
        if (sign == NAN) {
            return Double.NaN;
        }
        if (ndigits < 0 || bytes.length != 8 + 2 * ndigits || (sign != POSITIVE && sign != NEGATIVE)) {
            throw invalidBinary(bytes.length);
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            short digit = buf.getShort();
            if (digit < 0 || digit >= 10_000) {
                throw invalidBinary(bytes.length);
            }
            unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(digit));
        }
        // unscaled * 10000^(weight - ndigits + 1)
        BigDecimal result = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        if (sign == NEGATIVE) {
            result = result.negate();
        }
        return result.setScale(dscale, java.math.RoundingMode.HALF_UP);
    }
}
