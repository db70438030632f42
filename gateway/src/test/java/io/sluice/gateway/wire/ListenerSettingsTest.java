package io.sluice.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenerSettingsTest {
    @Test
    void defaults() {
        ListenerSettings d = ListenerSettings.defaults();
        assertThat(d.host()).isEqualTo("127.0.0.1");
        assertThat(d.port()).isEqualTo(5432);
        assertThat(d.maxStartupPacketBytes()).isEqualTo(10_000);
        assertThat(d.maxPreAuthMessageBytes()).isEqualTo(8_192);
        assertThat(d.maxMessageBytes()).isEqualTo(64 * 1024 * 1024);
        assertThat(d.rowBatchSize()).isEqualTo(512);
        assertThat(d.maxConnections()).isEqualTo(1_000);
        assertThat(d.ioThreads()).isZero();
    }

    @Test
    void copiesAndValidation() {
        ListenerSettings s = ListenerSettings.defaults().withAddress("0.0.0.0", 0).withMaxMessageBytes(1 << 20)
                .withRowBatchSize(10).withMaxConnections(5);
        assertThat(s).isEqualTo(new ListenerSettings("0.0.0.0", 0, 10_000, 8_192, 1 << 20, 10, 5, 0));
        assertThatThrownBy(() -> ListenerSettings.defaults().withAddress("x", 70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListenerSettings.defaults().withMaxMessageBytes(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListenerSettings.defaults().withRowBatchSize(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
