package io.sluice.gateway.config;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.config.SourceConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole of {@code conf/sluice.yaml}, typed. Built by {@link ConfigLoader}; defaults live
 * there and are checked by its test.
 *
 * @param file    where it was read from, for messages
 * @param workDir where the gateway keeps state (certificates, audit log, demo databases)
 */
public record SluiceConfig(Path file, Path workDir, List<SourceConfig> sources, Limits limits) {
    public SluiceConfig {
        requireNonNull(file, "file is null");
        requireNonNull(workDir, "workDir is null");
        sources = List.copyOf(sources);
        requireNonNull(limits, "limits is null");
    }
}
