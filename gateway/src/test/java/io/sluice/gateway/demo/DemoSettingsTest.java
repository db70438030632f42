package io.sluice.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    @Test
    void defaultsAndValidation() {
        DemoSettings settings = DemoSettings.defaults(Path.of("demo"));
        assertThat(settings.workDir()).isAbsolute();
        assertThat(settings.scaleFactor()).isEqualTo(0.01);
        assertThat(settings.password()).isEqualTo("sluice-demo");
        assertThat(settings.toString()).doesNotContain("sluice-demo");
        assertThatThrownBy(() -> settings.withScaleFactor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withPorts(-1, 0)).hasMessageContaining("postgresPort");
        assertThatThrownBy(() -> settings.withPassword(" ")).hasMessageContaining("password");
        assertThatThrownBy(() -> new DemoSettings(null, 1, 0, 0, true)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nationAndRegionStayFilesUnlessTheBenchmarkLayoutIsAskedFor() {
        DemoSettings demo = DemoSettings.defaults(Path.of("demo"));
        assertThat(demo.nationRegionInMariaDb()).isFalse();

        DemoSettings bench = demo.withNationRegionInMariaDb(true).withScaleFactor(1).withPorts(1, 2);
        assertThat(bench.nationRegionInMariaDb()).isTrue();
        assertThat(bench.toString()).contains("nationRegionInMariaDb=true");
    }
}
