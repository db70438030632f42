package io.sluice.gateway.config;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.auth.ScramVerifier;
import java.util.List;
import java.util.Map;

/**
 * A user who may connect: only a SCRAM-SHA-256 verifier is stored, never a password
 * ({@code scripts/sluice user add NAME} makes one). Groups and attributes feed policies.
 */
public record UserConfig(String name, ScramVerifier verifier, List<String> groups, Map<String, String> attributes) {
    public UserConfig {
        requireNonNull(name, "name is null");
        requireNonNull(verifier, "verifier is null");
        groups = List.copyOf(groups);
        attributes = Map.copyOf(attributes);
    }
}
