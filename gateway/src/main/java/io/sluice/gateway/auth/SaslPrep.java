package io.sluice.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The password normalisation PostgreSQL applies before hashing (SASLprep, RFC 4013), in the
 * forgiving way PostgreSQL does it: when the password contains characters SASLprep forbids,
 * the raw UTF-8 bytes are used unchanged. Covers the mappings and prohibitions that matter in
 * practice (non-ASCII spaces, "mapped to nothing" characters, controls, private use,
 * surrogates, non-characters); bidirectional checks are not performed.
 */
final class SaslPrep {
    private SaslPrep() {}

    static byte[] normalize(String password) {
        boolean ascii = password.chars().allMatch(c -> c < 0x80);
        if (ascii) {
            return password.getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder mapped = new StringBuilder(password.length());
        for (int i = 0; i < password.length(); ) {
            int cp = password.codePointAt(i);
            i += Character.charCount(cp);
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (isProhibited(cp)) {
                return password.getBytes(StandardCharsets.UTF_8);
            }
        }
        return normalized.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D) || cp == 0x200C || cp == 0x200D
                || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    private static boolean isProhibited(int cp) {
        return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)
                || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) || (cp >= 0x100000 && cp <= 0x10FFFD)
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE
                || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xFFF9 && cp <= 0xFFFD) || (cp >= 0x2FF0 && cp <= 0x2FFB)
                || (cp >= 0x200E && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x206A && cp <= 0x206F)
                || cp == 0x0340 || cp == 0x0341 || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F);
    }
}
