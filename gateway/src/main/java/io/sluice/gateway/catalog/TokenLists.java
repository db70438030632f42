package io.sluice.gateway.catalog;

import java.util.List;

/** Small look-ups over a statement split into tokens, shared by the catalog SQL rewrites. */
final class TokenLists {
    private TokenLists() {}

    /** The index of the parenthesis closing the one at {@code open}, or -1. */
    static int matching(List<String> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).equals("(")) {
                depth++;
            } else if (tokens.get(i).equals(")") && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** True when the token at {@code index} exists and is {@code word}, ignoring case. */
    static boolean is(List<String> tokens, int index, String word) {
        return index >= 0 && tokens.get(index).equalsIgnoreCase(word);
    }
}
