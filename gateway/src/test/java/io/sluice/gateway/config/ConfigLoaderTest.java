package io.sluice.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import io.sluice.gateway.audit.AuditSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final Path FILE = Path.of("/etc/sluice/sluice.yaml");

    private static SluiceConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    private static SluiceConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(FILE, yaml, env::get);
    }

    @Test
    void minimalSourceGetsEveryDefault() {
        SluiceConfig config = parse("""
                sources:
                  sales:
                    type: postgresql
                    url: jdbc:postgresql://db:5432/sales
                """);
        assertThat(config.workDir()).isEqualTo(Path.of("/etc/work"));
        assertThat(config.limits()).isEqualTo(new Limits(Duration.ofMinutes(5), 0, 20_000, 100_000, 1L << 30));
        SourceConfig sales = config.sources().getFirst();
        assertThat(sales.name()).isEqualTo("sales");
        assertThat(sales.type()).isEqualTo(SourceType.POSTGRESQL);
        assertThat(sales.user()).isEmpty();
        assertThat(sales.password().isEmpty()).isTrue();
        assertThat(sales.schemas()).isEmpty();
        assertThat(sales.tags()).isEmpty();
        assertThat(sales.maxConnections()).isEqualTo(8);
        assertThat(sales.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(sales.metadataRefresh()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.views()).isEmpty();
    }

    @Test
    void viewsAreReadWithTheirSqlAndDescription() {
        SluiceConfig config = parse("""
                sources:
                  s: {type: files, path: x}
                views:
                  contacts:
                    sql: select id, email from sales.people
                    description: customer contacts
                  eu_contacts:
                    sql: |
                      select id
                      from contacts where region = 'EU'
                """);
        assertThat(config.views()).containsExactly(
                new ViewConfig("contacts", "select id, email from sales.people", Optional.of("customer contacts")),
                new ViewConfig("eu_contacts", "select id\nfrom contacts where region = 'EU'"));
    }

    @Test
    void badViewsNameTheViewAndTheFix() {
        String source = "sources:\n  s: {type: files, path: x}\n";
        assertError(source + "views:\n  Contacts:\n    sql: select 1 as one\n",
                "views.Contacts: view names must be lower-case letters");
        assertError(source + "views:\n  contacts:\n    query: select 1 as one\n",
                "views.contacts.query: unknown key; expected one of [description, sql]");
        assertError(source + "views:\n  contacts:\n    description: no sql\n", "views.contacts.sql: missing");
        assertError(source + "views:\n  contacts: select 1\n", "views.contacts: must be a map");
        assertError(source + "views: [contacts]\n", "views: must be a map");
    }

    @Test
    void everyKeyIsMapped() {
        SluiceConfig config = parse("""
                work_dir: /var/lib/sluice
                sources:
                  crm:
                    type: mariadb
                    url: jdbc:mysql://db:3306/crm
                    user: reader
                    password: ${env:CRM_PW}
                    schemas: [crm]
                    tags:
                      crm.customer.c_phone: [PII, phone]
                    max_connections: 3
                    connect_timeout: 750ms
                    metadata_refresh: 30s
                  lake:
                    type: files
                    path: data/lake
                limits:
                  statement_timeout: 1h
                  max_rows: 1000
                  dependent_join_keys: 5000
                  dependent_join_array_keys: 40000
                  statement_memory: 256MB
                """, Map.of("CRM_PW", "s3cret"));
        assertThat(config.workDir()).isEqualTo(Path.of("/var/lib/sluice"));
        SourceConfig crm = config.sources().get(0);
        assertThat(crm.type()).isEqualTo(SourceType.MYSQL);
        assertThat(crm.url()).isEqualTo("jdbc:mariadb://db:3306/crm");
        assertThat(crm.user()).isEqualTo("reader");
        assertThat(crm.password().value()).isEqualTo("s3cret");
        assertThat(crm.password().toString()).doesNotContain("s3cret");
        assertThat(crm.schemas()).containsExactly("crm");
        assertThat(crm.tagsFor("CRM.customer.C_PHONE")).containsExactly("pii", "phone");
        assertThat(crm.maxConnections()).isEqualTo(3);
        assertThat(crm.connectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(crm.metadataRefresh()).isEqualTo(Duration.ofSeconds(30));
        SourceConfig lake = config.sources().get(1);
        assertThat(lake.path()).contains(Path.of("/etc/sluice/data/lake"));
        assertThat(config.limits()).isEqualTo(new Limits(Duration.ofHours(1), 1000, 5000, 40_000, 256L << 20));
    }

    @Test
    void environmentDefaultsApplyWhenUnset() {
        SluiceConfig config = parse("""
                sources:
                  s:
                    type: sqlite
                    url: jdbc:sqlite:${env:DB_FILE:-/tmp/x.db}
                """);
        assertThat(config.sources().getFirst().url()).isEqualTo("jdbc:sqlite:/tmp/x.db");
    }

    @Test
    void mistakesNameTheFileTheKeyAndTheFix() {
        assertError("sources:\n  s:\n    type: postgresql\n    url: jdbc:postgresql://h/d\n    pasword: x\n",
                "/etc/sluice/sluice.yaml: sources.s.pasword: unknown key; expected one of");
        assertError("sources:\n  s:\n    type: oracle\n    url: jdbc:oracle:x\n",
                "sources.s.type: unknown source type 'oracle'; one of postgresql, mysql, sqlite, duckdb, files");
        assertError("sources:\n  s:\n    type: postgresql\n    url: jdbc:mysql://h/d\n",
                "sources.s.url: a postgresql source needs a URL starting with jdbc:postgresql:");
        assertError("sources:\n  s:\n    type: postgresql\n    url: jdbc:postgresql://h/d\n    password: ${env:NOPE}\n",
                "environment variable NOPE is not set");
        assertError("sources:\n  s:\n    type: files\n", "sources.s.path: missing");
        assertError("limits:\n  statement_timeout: soon\nsources:\n  s:\n    type: files\n    path: x\n",
                "limits.statement_timeout: 'soon' is not a duration");
        assertError("sources: [a, b]\n", "sources: must be a map");
        assertError("work_dir: x\n", "sources: missing");
        assertError("sources:\n  s: {type: files, path: x\n", "not valid YAML");
        assertError("sources:\n  Bad-Name:\n    type: files\n    path: x\n", "sources.Bad-Name: source names");
    }

    private static void assertError(String yaml, String expected) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(expected);
    }

    @Test
    void auditDefaultsToTheWorkDirectoryWithFsyncOn() {
        SluiceConfig config = parse("sources:\n  s:\n    type: files\n    path: x\n");
        assertThat(config.audit()).isEqualTo(AuditSettings.defaults(Path.of("/etc/work/audit")));
        assertThat(config.audit().fsync()).isTrue();
        assertThat(config.audit().signingKey()).isEqualTo(Path.of("/etc/work/audit/audit-signing.key"));
    }

    @Test
    void everyAuditKeyIsMapped() {
        SluiceConfig config = parse("""
                sources:
                  s: {type: files, path: x}
                audit:
                  dir: /var/log/sluice
                  fsync: false
                  max_file_size: 16MB
                  checkpoint_every: 50
                  checkpoint_interval: 2s
                  signing_key: keys/audit.key
                  public_key: /srv/pub/audit.pem
                """);
        assertThat(config.audit()).isEqualTo(new AuditSettings(Path.of("/var/log/sluice"), false, 16L * 1024 * 1024,
                50, Duration.ofSeconds(2), Path.of("/etc/sluice/keys/audit.key"), Path.of("/srv/pub/audit.pem")));
        assertThat(parse("sources:\n  s: {type: files, path: x}\naudit:\n  signing_key: /k/a.key\n").audit()
                .publicKey()).isEqualTo(Path.of("/k/audit-signing.pub.pem"));
    }

    @Test
    void dependentJoinKeysZeroStillTurnsEveryDependentJoinOff() {
        String sources = "sources:\n  s: {type: files, path: x}\n";
        Limits off = parse(sources + "limits:\n  dependent_join_keys: 0\n").limits();
        Limits arraysOnly = parse(sources + "limits:\n  dependent_join_keys: 0\n  dependent_join_array_keys: 5000\n")
                .limits();

        assertThat(off).isEqualTo(Limits.DEFAULTS.withoutDependentJoins());
        assertThat(arraysOnly).isEqualTo(Limits.DEFAULTS.withDependentJoinInListKeys(0).withDependentJoinArrayKeys(5000));
    }

    @Test
    void badLimitsNameTheKeyAndTheFix() {
        String sources = "sources:\n  s: {type: files, path: x}\n";
        assertError(sources + "limits:\n  dependent_join_keys: many\n",
                "limits.dependent_join_keys: must be a whole number of keys, 0 to send no keys as IN lists");
        assertError(sources + "limits:\n  dependent_join_keys: -1\n", "limits.dependent_join_keys");
        assertError(sources + "limits:\n  dependent_join_array_keys: 1.5\n", "limits.dependent_join_array_keys: must be "
                + "a whole number of keys");
        assertError(sources + "limits:\n  statement_memory: 10KB\n",
                "limits.statement_memory: '10KB' is not a size of at least 1MB");
        assertError(sources + "limits:\n  statement_memory: lots\n", "limits.statement_memory: 'lots'");
    }

    @Test
    void badAuditValuesNameTheKey() {
        String sources = "sources:\n  s: {type: files, path: x}\n";
        assertError(sources + "audit:\n  fsync: maybe\n", "audit.fsync: must be true or false");
        assertError(sources + "audit:\n  max_file_size: 1KB\n", "audit.max_file_size: '1KB' is not a size");
        assertError(sources + "audit:\n  checkpoint_every: 0\n", "audit.checkpoint_every");
        assertError(sources + "audit:\n  checkpoint_interval: often\n", "audit.checkpoint_interval");
        assertError(sources + "audit:\n  directory: x\n", "audit.directory: unknown key");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(ConfigLoader.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigLoader.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(ConfigLoader.parseDuration("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(List.of("", "5 minutes", "-1s")).allSatisfy(bad ->
                assertThatThrownBy(() -> ConfigLoader.parseDuration(bad)).isInstanceOf(IllegalArgumentException.class));
    }

    @Test
    void shippedConfigurationLoads() {
        Path shipped = Path.of(System.getProperty("basedir", ".")).resolve("../conf/sluice.yaml").normalize();
        SluiceConfig config = ConfigLoader.load(shipped, name -> null);
        assertThat(config.sources()).extracting(SourceConfig::name).containsExactly("sales", "crm", "lake");
        assertThat(config.sources().get(0).tagsFor("public.people.email")).contains("pii", "email");
        assertThat(config.views()).extracting(ViewConfig::name).contains("customer_contacts");
    }
}
