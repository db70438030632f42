package io.sluice.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuditSettingsTest {
    @Test
    void defaultsAreSafe() {
        AuditSettings s = AuditSettings.defaults(Path.of("/w/audit"));
        assertThat(s.directory()).isEqualTo(Path.of("/w/audit"));
        assertThat(s.fsync()).isTrue();
        assertThat(s.maxFileBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(s.checkpointEvery()).isEqualTo(1000);
        assertThat(s.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.signingKey()).isEqualTo(Path.of("/w/audit/audit-signing.key"));
        assertThat(s.publicKey()).isEqualTo(Path.of("/w/audit/audit-signing.pub.pem"));
    }

    @Test
    void copyMethodsChangeOneThing() {
        AuditSettings s = AuditSettings.defaults(Path.of("/w/audit"));
        assertThat(s.withFsync(false).fsync()).isFalse();
        assertThat(s.withFsync(false).withFsync(true)).isEqualTo(s);
        assertThat(s.withMaxFileBytes(8192).maxFileBytes()).isEqualTo(8192);
        assertThat(s.withCheckpoints(5, Duration.ZERO).checkpointEvery()).isEqualTo(5);
    }

    @Test
    void nonsenseIsRejected() {
        AuditSettings s = AuditSettings.defaults(Path.of("/w/audit"));
        assertThatThrownBy(() -> s.withMaxFileBytes(100)).hasMessageContaining("maxFileBytes");
        assertThatThrownBy(() -> s.withCheckpoints(0, Duration.ZERO)).hasMessageContaining("checkpointEvery");
        assertThatThrownBy(() -> s.withCheckpoints(1, Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }
}
