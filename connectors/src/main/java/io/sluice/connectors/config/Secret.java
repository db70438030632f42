package io.sluice.connectors.config;

import static java.util.Objects.requireNonNull;

/**
 * A credential resolved from configuration. Its {@code toString} never shows the value, so a
 * secret that ends up in a log line, an exception message or a debugger shows only where it
 * came from.
 */
public record Secret(String value, String origin) {
    public Secret {
        requireNonNull(value, "value is null");
        requireNonNull(origin, "origin is null");
    }

    public static Secret none() {
        return new Secret("", "none");
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "Secret[from " + origin + "]";
    }
}
