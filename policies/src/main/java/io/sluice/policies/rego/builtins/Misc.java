package io.sluice.policies.rego.builtins;

import io.sluice.policies.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/** net.cidr_*, units.*, trace, uuid and opa.runtime. */
final class Misc {
  private Misc() {}

  static void register(Builtins.Registry r) {
    r.add("net.cidr_contains", 2, (a, c) -> {
      Args x = new Args("net.cidr_contains", a);
      Cidr outer = Cidr.parse(x, x.str(0), true);
      String other = x.str(1);
      Cidr inner = other.contains("/") ? Cidr.parse(x, other, true) : Cidr.parse(x, other, false);
      return Optional.of(Value.bool(outer.contains(inner)));
    });
    r.add("net.cidr_intersects", 2, (a, c) -> {
      Args x = new Args("net.cidr_intersects", a);
      Cidr p = Cidr.parse(x, x.str(0), true);
      Cidr q = Cidr.parse(x, x.str(1), true);
      return Optional.of(Value.bool(p.contains(q) || q.contains(p)));
    });
    r.add("net.cidr_is_valid", 1, (a, c) -> {
      if (!(a.get(0) instanceof Value.Str s) || !s.value().contains("/")) {
        return Optional.of(Value.FALSE);
      }
      try {
        Cidr.parse(new Args("net.cidr_is_valid", a), s.value(), true);
        return Optional.of(Value.TRUE);
      } catch (BuiltinException e) {
        return Optional.of(Value.FALSE);
      }
    });
    r.add("units.parse_bytes", 1, (a, c) -> {
      Args x = new Args("units.parse_bytes", a);
      return Optional.of(new Value.Num(units(x, x.str(0), true).setScale(0, java.math.RoundingMode.DOWN)));
    });
    r.add("units.parse", 1, (a, c) -> {
      Args x = new Args("units.parse", a);
      return Optional.of(new Value.Num(units(x, x.str(0), false)));
    });
    // out of scope for the embedded engine, registered so that policies can mock them with `with`
    r.add("http.send", 1, (a, c) -> {
      throw new Args("http.send", a).err("not supported by the embedded engine");
    });
    r.add("io.jwt.decode_verify", 2, (a, c) -> {
      throw new Args("io.jwt.decode_verify", a).err("not supported by the embedded engine");
    });
    r.add("trace", 1, (a, c) -> Optional.of(Value.TRUE));
    r.add("opa.runtime", 0, (a, c) -> Optional.of(Value.EMPTY_OBJECT));
    r.add("uuid.rfc4122", 1, (a, c) -> Optional.of(Value.str(java.util.UUID.nameUUIDFromBytes(
        (c.nowNanos() + new Args("uuid.rfc4122", a).str(0)).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())));
  }

  private static BigDecimal units(Args x, String raw, boolean bytes) {
    String s = raw.replace("\"", "").strip();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([a-zA-Z]*)$").matcher(s);
    if (!m.matches()) {
      throw x.err(bytes ? "could not parse byte amount" : "could not parse amount");
    }
    BigDecimal n = new BigDecimal(m.group(1));
    String u = m.group(2);
    String lu = u.toLowerCase(Locale.ROOT);
    BigDecimal mult;
    if (lu.isEmpty() || (bytes && lu.equals("b"))) {
      mult = BigDecimal.ONE;
    } else {
      boolean binary = lu.endsWith("i") || lu.endsWith("ib");
      String p = lu.replaceAll("i?b?$", "");
      int exp = "kmgtpe".indexOf(p.isEmpty() ? '?' : p.charAt(0)) + 1;
      if (!bytes && u.equals("m")) {
        return n.divide(BigDecimal.valueOf(1000));
      }
      if (exp == 0 || p.length() != 1) {
        throw x.err(bytes ? "byte unit not recognized" : "unit not recognized");
      }
      mult = binary ? new BigDecimal(BigInteger.valueOf(1024).pow(exp)) : BigDecimal.TEN.pow(3 * exp);
    }
    return n.multiply(mult);
  }

  /** An IPv4/IPv6 network. */
  private record Cidr(BigInteger base, int prefix, int bits) {
    static Cidr parse(Args x, String s, boolean cidr) {
      String addr = s;
      int prefix = -1;
      int slash = s.indexOf('/');
      if (slash >= 0) {
        addr = s.substring(0, slash);
        try {
          prefix = Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw x.err("invalid CIDR address: " + s);
        }
      } else if (cidr) {
        throw x.err("invalid CIDR address: " + s);
      }
      if (!addr.matches("[0-9a-fA-F:.]+") || (!addr.contains(":") && !addr.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"))) {
        throw x.err((slash >= 0 ? "invalid CIDR address: " : "invalid IP address: ") + s);
      }
      byte[] b;
      try {
        b = InetAddress.getByName(addr).getAddress();
      } catch (UnknownHostException e) {
        throw x.err("invalid CIDR address: " + s);
      }
      int bits = b.length * 8;
      if (prefix < 0) {
        prefix = bits;
      }
      if (prefix > bits) {
        throw x.err("invalid CIDR address: " + s);
      }
      BigInteger v = new BigInteger(1, b);
      BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
          .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
      return new Cidr(v.and(mask), prefix, bits);
    }

    boolean contains(Cidr o) {
      if (o.bits != bits || o.prefix < prefix) {
        return false;
      }
      return o.base.shiftRight(bits - prefix).equals(base.shiftRight(bits - prefix));
    }
  }
}
