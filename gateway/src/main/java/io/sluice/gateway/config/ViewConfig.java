package io.sluice.gateway.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A named view from the {@code views:} section of {@code sluice.yaml}: a query over the federated
 * tables that users name like a table ({@code contacts} or {@code views.contacts}). The query runs
 * with the invoking user's rights: it is expanded before policy, so every row filter, mask and
 * denial of the tables it reads still applies.
 *
 * @param name        lower-case letters, digits and '_', starting with a letter
 * @param sql         one SELECT over source tables (or other views), checked when the gateway starts
 * @param description what the view is for; shown as its comment in catalogs
 */
public record ViewConfig(String name, String sql, Optional<String> description) {
    public ViewConfig {
        requireNonNull(name, "name is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(description, "description is null");
    }

    public ViewConfig(String name, String sql) {
        this(name, sql, Optional.empty());
    }
}
