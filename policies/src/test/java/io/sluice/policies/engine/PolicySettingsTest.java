package io.sluice.policies.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicySettingsTest {
    private static final Path BUNDLE = Path.of("policies/bundle");

    @Test
    void embeddedHasEveryDefault() {
        PolicySettings s = PolicySettings.embedded(BUNDLE);

        assertThat(s.engine()).isEqualTo(PolicySettings.Engine.EMBEDDED);
        assertThat(s.bundle()).isEqualTo(BUNDLE);
        assertThat(s.opaUrl()).isEmpty();
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2)).isEqualTo(PolicySettings.DEFAULT_TIMEOUT);
        assertThat(s.cacheTtl()).isEqualTo(Duration.ofSeconds(5)).isEqualTo(PolicySettings.DEFAULT_CACHE_TTL);
        assertThat(s.reloadInterval()).isEqualTo(Duration.ofSeconds(1)).isEqualTo(PolicySettings.DEFAULT_RELOAD_INTERVAL);
    }

    @Test
    void eachCopyMethodChangesOnlyItsOwnSetting() {
        PolicySettings base = PolicySettings.embedded(BUNDLE);
        URI opa = URI.create("http://opa:8181");

        assertThat(base.withOpa(opa)).isEqualTo(new PolicySettings(PolicySettings.Engine.OPA, BUNDLE, Optional.of(opa),
                base.timeout(), base.cacheTtl(), base.reloadInterval()));
        assertThat(base.withTimeout(Duration.ofMillis(250))).isEqualTo(new PolicySettings(base.engine(), BUNDLE,
                Optional.empty(), Duration.ofMillis(250), base.cacheTtl(), base.reloadInterval()));
        assertThat(base.withCacheTtl(Duration.ZERO)).isEqualTo(new PolicySettings(base.engine(), BUNDLE,
                Optional.empty(), base.timeout(), Duration.ZERO, base.reloadInterval()));
        assertThat(base.withReloadInterval(Duration.ofMillis(200))).isEqualTo(new PolicySettings(base.engine(), BUNDLE,
                Optional.empty(), base.timeout(), base.cacheTtl(), Duration.ofMillis(200)));
    }

    @Test
    void opaNeedsAUrl() {
        assertThatThrownBy(() -> new PolicySettings(PolicySettings.Engine.OPA, BUNDLE, Optional.empty(),
                PolicySettings.DEFAULT_TIMEOUT, PolicySettings.DEFAULT_CACHE_TTL, PolicySettings.DEFAULT_RELOAD_INTERVAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("engine opa needs opa_url");
    }

    @Test
    void nothingMayBeNull() {
        assertThatThrownBy(() -> PolicySettings.embedded(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("bundle is null");
        assertThatThrownBy(() -> PolicySettings.embedded(BUNDLE).withTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout is null");
    }
}
