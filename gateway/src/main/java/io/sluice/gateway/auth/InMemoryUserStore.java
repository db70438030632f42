package io.sluice.gateway.auth;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe in-memory {@link UserStore}. */
public final class InMemoryUserStore implements UserStore {
    private final Map<String, ScramVerifier> users = new ConcurrentHashMap<>();

    /** Adds or replaces a user with a verifier computed from the password (tests, demos). */
    public InMemoryUserStore withPassword(String user, String password) {
        return with(user, ScramVerifier.generate(password));
    }

    public InMemoryUserStore with(String user, ScramVerifier verifier) {
        users.put(requireNonNull(user, "user is null"), requireNonNull(verifier, "verifier is null"));
        return this;
    }

    public void remove(String user) {
        users.remove(user);
    }

    /**
     * Reads lines of {@code name:SCRAM-SHA-256$...} (blank lines and {@code #} comments ignored),
     * the format {@code sluice user add} can append to.
     */
    public static InMemoryUserStore parse(String text) {
        InMemoryUserStore store = new InMemoryUserStore();
        int lineNo = 0;
        for (String line : text.split("\\R")) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + lineNo + ": expected name:SCRAM-SHA-256$...");
            }
            try {
                store.with(l.substring(0, colon).strip(), ScramVerifier.parse(l.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return store;
    }

    /** Reads a users file in the {@link #parse} format; errors name the file and the line. */
    public static InMemoryUserStore load(java.nio.file.Path file) {
        try {
            return parse(java.nio.file.Files.readString(file));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read users file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The line {@code sluice user add NAME} appends to a users file. */
    public static String line(String user, ScramVerifier verifier) {
        if (user.isEmpty() || user.contains(":") || user.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("user names must be non-empty, without ':' or spaces: \"" + user + "\"");
        }
        return user + ":" + verifier;
    }

    @Override
    public Optional<ScramVerifier> verifier(String user) {
        return Optional.ofNullable(users.get(user));
    }
}
