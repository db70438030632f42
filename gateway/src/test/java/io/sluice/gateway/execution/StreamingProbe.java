package io.sluice.gateway.execution;

import io.sluice.connectors.config.Secret;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import io.sluice.gateway.config.Limits;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.audit.AuditSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs in its own JVM with a small heap (see {@link StreamingTest}): counts every row of a
 * statement through the engine and prints the count. It can only finish if rows stream.
 */
public final class StreamingProbe {
    private StreamingProbe() {}

    public static void main(String[] args) throws java.io.IOException {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String sql = args[3];
        SourceConfig source = SourceConfig.database("big", SourceType.POSTGRESQL, url, user,
                new Secret(password, "probe")).withSchemas(List.of("scratch_stream"));
        Path here = Path.of(".").toAbsolutePath();
        SluiceConfig config = new SluiceConfig(here.resolve("probe.yaml"), here, List.of(source), Limits.DEFAULTS)
                .withAudit(AuditSettings.defaults(Files.createTempDirectory("sluice-probe-audit")).withFsync(false));
        try (Engine engine = Engine.start(config);
             ResultCursor cursor = engine.execute(sql, SessionContext.localAdmin())) {
            long rows = 0;
            long sum = 0;
            while (cursor.next()) {
                rows++;
                sum += ((Number) cursor.row()[1]).longValue();
            }
            System.out.println("rows=" + rows + " sum=" + sum
                    + " maxHeapMb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }
}
