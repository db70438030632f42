package io.sluice.gateway.config;

import java.nio.file.Path;

/**
 * Configuration that cannot work. The message names the file, the key and what to do, in one
 * line, because it is the only thing printed when the gateway refuses to start.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(Path file, String key, String problem) {
        super(file + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
    }
}
