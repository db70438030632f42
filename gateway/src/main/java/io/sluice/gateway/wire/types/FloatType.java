package io.sluice.gateway.wire.types;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Locale;

/** {@code float4} ({@link Float}) and {@code float8} ({@link Double}), printed as PostgreSQL 12+ does (shortest exact). */
final class FloatType extends PgType {
    private final boolean single;

    FloatType(boolean single) {
        super(single ? 700 : 701, single ? "float4" : "float8", single ? 4 : 8, single ? 1021 : 1022);
        this.single = single;
    }

    @Override
    public Class<?> javaType() {
        return single ? Float.class : Double.class;
    }

    private double value(Object value) {
        return switch (value) {
            case Number n -> n.doubleValue();
            default -> throw wrongClass(value);
        };
    }

    @Override
    public String encodeText(Object value) {
        if (single) {
            float f = value instanceof Float fl ? fl : (float) value(value);
            return format(Float.toString(f), f, 6);
        }
        double d = value(value);
        return format(Double.toString(d), d, 15);
    }

    /** PostgreSQL's layout: plain digits unless the decimal exponent is below -4 or at least {@code maxDigits}. */
    static String format(String javaRepr, double d, int maxDigits) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(javaRepr).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = exact.signum() < 0 ? "-" : "";
        if (exponent < -4 || exponent >= maxDigits) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format(Locale.ROOT, "%02d", Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
        }
        return exact.toPlainString();
    }

    @Override
    public Object decodeText(String text) {
        String t = text.strip();
        try {
            double d = switch (t.toLowerCase(Locale.ROOT)) {
                case "nan" -> Double.NaN;
                case "infinity", "+infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
                case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(t);
            };
            return single ? (Object) (float) d : (Object) d;
        } catch (NumberFormatException e) {
            throw invalidText(text);
        }
    }

    @Override
    public byte[] encodeBinary(Object value) {
        if (single) {
            return ByteBuffer.allocate(4).putFloat((float) value(value)).array();
        }
        return ByteBuffer.allocate(8).putDouble(value(value)).array();
    }

    @Override
    public Object decodeBinary(byte[] bytes) {
        if (bytes.length != (single ? 4 : 8)) {
            throw invalidBinary(bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        return single ? (Object) buf.getFloat() : (Object) buf.getDouble();
    }
}
