package io.sluice.gateway.sys;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.config.SourceConfig;
import io.sluice.gateway.config.ConfigException;
import io.sluice.gateway.config.Limits;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.testing.DemoEngines;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The name {@code sys} belongs to Sluice's own tables; a source cannot take it. */
class SysSourceNameTest {
    @TempDir
    Path dir;

    @Test
    void sourceNamedSysIsRefusedAtStart() {
        SluiceConfig config = new SluiceConfig(dir.resolve("sluice.yaml"), dir,
                List.of(SourceConfig.files("SYS", dir)), Limits.DEFAULTS).withAudit(DemoEngines.ownAuditLog());
        assertThatThrownBy(() -> Engine.start(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sluice.yaml").hasMessageContaining("sources")
                .hasMessageContaining("'sys'");
    }
}
