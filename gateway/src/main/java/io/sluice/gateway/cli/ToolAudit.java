package io.sluice.gateway.cli;

import io.sluice.gateway.audit.AuditSettings;
import io.sluice.gateway.config.SluiceConfig;
import java.nio.file.Path;

/**
 * Command-line tools that run statements ({@code sluice sql}, {@code sluice policy explain}) audit
 * them like the gateway does, in a log of their own beside the gateway's ({@code audit-cli}): one
 * directory holds one hash chain, and the gateway may be running at the same time.
 */
final class ToolAudit {
    private ToolAudit() {}

    static SluiceConfig ownLog(SluiceConfig config) {
        Path gatewayLog = config.audit().directory();
        Path toolLog = gatewayLog.resolveSibling(gatewayLog.getFileName() + "-cli");
        return config.withAudit(AuditSettings.defaults(toolLog).withFsync(config.audit().fsync()));
    }
}
