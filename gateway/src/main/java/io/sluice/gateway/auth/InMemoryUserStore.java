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

    @Override
    public Optional<ScramVerifier> verifier(String user) {
        return Optional.ofNullable(users.get(user));
    }
}
