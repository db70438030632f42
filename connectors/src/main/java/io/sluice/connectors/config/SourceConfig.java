package io.sluice.connectors.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One source as configured under {@code sources:}.
 *
 * @param name        the first part of {@code source.schema.table}
 * @param url         JDBC URL for database sources; empty for {@code files}
 * @param path        the directory of a {@code files} source
 * @param schemas     schemas to expose; empty means every non-system schema
 * @param tags        tags per {@code schema.table} or {@code schema.table.column}, for policies
 * @param maxConnections pool size
 * @param metadataRefresh how long loaded metadata is trusted before it is read again
 */
public record SourceConfig(
        String name,
        SourceType type,
        String url,
        Optional<Path> path,
        String user,
        Secret password,
        List<String> schemas,
        Map<String, List<String>> tags,
        int maxConnections,
        Duration connectTimeout,
        Duration metadataRefresh) {

    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_METADATA_REFRESH = Duration.ofMinutes(5);

    public SourceConfig {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(url, "url is null");
        requireNonNull(path, "path is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        schemas = List.copyOf(schemas);
        tags = Map.copyOf(tags);
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(metadataRefresh, "metadataRefresh is null");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    /** A database source with defaults for everything but where it is. */
    public static SourceConfig database(String name, SourceType type, String url, String user, Secret password) {
        return new SourceConfig(name, type, url, Optional.empty(), user, password, List.of(), Map.of(),
                DEFAULT_MAX_CONNECTIONS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_METADATA_REFRESH);
    }

    /** A directory of CSV and Parquet files. */
    public static SourceConfig files(String name, Path directory) {
        return new SourceConfig(name, SourceType.FILES, "", Optional.of(directory), "", Secret.none(), List.of(),
                Map.of(), DEFAULT_MAX_CONNECTIONS, DEFAULT_CONNECT_TIMEOUT, DEFAULT_METADATA_REFRESH);
    }

    public SourceConfig withSchemas(List<String> newSchemas) {
        return new SourceConfig(name, type, url, path, user, password, newSchemas, tags, maxConnections,
                connectTimeout, metadataRefresh);
    }

    public SourceConfig withTags(Map<String, List<String>> newTags) {
        return new SourceConfig(name, type, url, path, user, password, schemas, newTags, maxConnections,
                connectTimeout, metadataRefresh);
    }

    public SourceConfig withMetadataRefresh(Duration refresh) {
        return new SourceConfig(name, type, url, path, user, password, schemas, tags, maxConnections,
                connectTimeout, refresh);
    }

    public SourceConfig withConnectTimeout(Duration timeout) {
        return new SourceConfig(name, type, url, path, user, password, schemas, tags, maxConnections,
                timeout, metadataRefresh);
    }

    /** Tags configured for a table ({@code schema.table}) or a column ({@code schema.table.column}). */
    public List<String> tagsFor(String qualifiedName) {
        return tags.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(qualifiedName))
                .findFirst()
                .map(Map.Entry::getValue)
                .orElse(List.of());
    }
}
