package io.sluice.connectors.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of source Sluice can reach; the name is what {@code type:} says in configuration. */
public enum SourceType {
    POSTGRESQL("postgresql"),
    /** MySQL and MariaDB share one dialect and one driver family. */
    MYSQL("mysql"),
    SQLITE("sqlite"),
    DUCKDB("duckdb"),
    /** A directory of CSV and Parquet files, read through an in-process DuckDB. */
    FILES("files");

    private final String configName;

    SourceType(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<SourceType> fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals("mariadb")) {
            return Optional.of(MYSQL);
        }
        return Arrays.stream(values()).filter(t -> t.configName.equals(wanted)).findFirst();
    }

    public static String allConfigNames() {
        return Arrays.stream(values()).map(SourceType::configName).collect(Collectors.joining(", "));
    }
}
