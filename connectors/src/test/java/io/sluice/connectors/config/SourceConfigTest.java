package io.sluice.connectors.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceConfigTest {
    @Test
    void secretNeverShowsItsValue() {
        Secret secret = new Secret("hunter2", "env:PG_PASSWORD");

        assertThat(secret.toString()).doesNotContain("hunter2").contains("env:PG_PASSWORD");
        assertThat(SourceConfig.database("s", SourceType.POSTGRESQL, "jdbc:postgresql://h/db", "u", secret)
                .toString()).doesNotContain("hunter2");
        assertThat(Secret.none().isEmpty()).isTrue();
        assertThat(secret.isEmpty()).isFalse();
    }

    @Test
    void typeNamesAreReadCaseInsensitivelyAndMariaDbMeansMysql() {
        assertThat(SourceType.fromConfigName(" PostgreSQL ")).contains(SourceType.POSTGRESQL);
        assertThat(SourceType.fromConfigName("mariadb")).contains(SourceType.MYSQL);
        assertThat(SourceType.fromConfigName("Files")).contains(SourceType.FILES);
        assertThat(SourceType.fromConfigName("oracle")).isEmpty();
        assertThat(SourceType.allConfigNames()).isEqualTo("postgresql, mysql, sqlite, duckdb, files");
    }

    @Test
    void tagsAreLookedUpIgnoringCase() {
        SourceConfig config = SourceConfig.files("lake", Path.of("/data"))
                .withTags(Map.of("main.Customers.email", List.of("pii")));

        assertThat(config.tagsFor("MAIN.customers.EMAIL")).containsExactly("pii");
        assertThat(config.tagsFor("main.customers")).isEmpty();
    }

    @Test
    void withersChangeOnlyTheirField() {
        SourceConfig base = SourceConfig.files("lake", Path.of("/data"));

        SourceConfig changed = base.withConnectTimeout(Duration.ofSeconds(1))
                .withMetadataRefresh(Duration.ofSeconds(2)).withSchemas(List.of("main"));

        assertThat(changed.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(changed.metadataRefresh()).isEqualTo(Duration.ofSeconds(2));
        assertThat(changed.schemas()).containsExactly("main");
        assertThat(changed.path()).contains(Path.of("/data"));
        assertThat(changed.maxConnections()).isEqualTo(SourceConfig.DEFAULT_MAX_CONNECTIONS);
        assertThat(base.connectTimeout()).isEqualTo(SourceConfig.DEFAULT_CONNECT_TIMEOUT);
    }

    @Test
    void poolNeedsAtLeastOneConnection() {
        assertThatThrownBy(() -> new SourceConfig("s", SourceType.SQLITE, "jdbc:sqlite:x", Optional.empty(), "",
                Secret.none(), List.of(), Map.of(), 0, Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnections");
    }
}
