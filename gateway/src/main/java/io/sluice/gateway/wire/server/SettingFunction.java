package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.server.SessionCommand.CurrentSetting;
import io.sluice.gateway.wire.server.SessionCommand.SetConfig;
import io.sluice.gateway.wire.server.SqlTokens.Kind;
import io.sluice.gateway.wire.server.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises {@code SELECT [pg_catalog.]current_setting(...)} and {@code SELECT [pg_catalog.]set_config(...)}
 * with literal arguments as the whole statement, the way clients read and write run-time parameters; the
 * session answers them from its own parameters. Any other SELECT goes to the backend.
 */
final class SettingFunction {
    private SettingFunction() {}

    /** @param t the statement's tokens, starting with SELECT */
    static Optional<SessionCommand> parse(List<Token> t) {
        int i = 1;
        if (i + 1 < t.size() && t.get(i).is("pg_catalog") && t.get(i + 1).is(".")) {
            i += 2;
        }
        if (i + 1 >= t.size() || t.get(i).kind() != Kind.WORD || !t.get(i + 1).is("(")) {
            return Optional.empty();
        }
        String function = t.get(i).text().toLowerCase(Locale.ROOT);
        if (!function.equals("current_setting") && !function.equals("set_config")) {
            return Optional.empty();
        }
        int close = i + 2;
        List<Token> arguments = new ArrayList<>();
        for (; close < t.size() && !t.get(close).is(")"); close++) {
            Token a = t.get(close);
            if (close % 2 == (i + 2) % 2) {
                arguments.add(a);
            } else if (!a.is(",")) {
                return Optional.empty();
            }
        }
        if (close >= t.size()) {
            return Optional.empty();
        }
        String column = function;
        int rest = close + 1;
        if (rest < t.size() && t.get(rest).is("as")) {
            rest++;
        }
        if (rest < t.size()) {
            if (rest != t.size() - 1 || t.get(rest).kind() != Kind.WORD && t.get(rest).kind() != Kind.IDENTIFIER) {
                return Optional.empty();
            }
            Token alias = t.get(rest);
            column = alias.kind() == Kind.IDENTIFIER ? alias.text() : alias.text().toLowerCase(Locale.ROOT);
        }
        if (function.equals("current_setting")) {
            if (arguments.size() == 1 && isString(arguments.get(0))) {
                return Optional.of(new CurrentSetting(arguments.get(0).text(), false, column));
            }
            if (arguments.size() == 2 && isString(arguments.get(0)) && isBoolean(arguments.get(1))) {
                return Optional.of(new CurrentSetting(arguments.get(0).text(), arguments.get(1).is("true"), column));
            }
            return Optional.empty();
        }
        if (arguments.size() == 3 && isString(arguments.get(0)) && isString(arguments.get(1)) && isBoolean(arguments.get(2))) {
            return Optional.of(new SetConfig(arguments.get(0).text(), arguments.get(1).text(), arguments.get(2).is("true"), column));
        }
        return Optional.empty();
    }

    private static boolean isString(Token token) {
        return token.kind() == Kind.STRING && !token.text().startsWith("$");
    }

    private static boolean isBoolean(Token token) {
        return token.is("true") || token.is("false");
    }
}
