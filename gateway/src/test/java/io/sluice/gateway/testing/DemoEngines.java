package io.sluice.gateway.testing;

import io.sluice.connectors.config.Secret;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import io.sluice.gateway.config.ConfigLoader;
import io.sluice.gateway.config.Limits;
import io.sluice.gateway.config.ListenerConfig;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.audit.AuditSettings;
import io.sluice.gateway.tls.TlsMode;
import io.sluice.policies.engine.PolicySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The demo's three sources (sales on PostgreSQL, crm on MariaDB, lake on files) as configuration. */
public final class DemoEngines {
    private DemoEngines() {}

    public static SluiceConfig config(DemoDatabases databases) {
        return new SluiceConfig(SharedDemoDatabases.testWorkRoot().resolve("sluice.yaml"),
                SharedDemoDatabases.testWorkRoot(), sources(databases), Limits.DEFAULTS)
                .withAudit(ownAuditLog());
    }

    /** The demo sources tagged as conf/sluice.yaml tags them, with policies from {@code bundle}. */
    public static SluiceConfig withPolicy(DemoDatabases databases, Path bundle) {
        List<SourceConfig> tagged = sources(databases).stream().map(s -> switch (s.name()) {
            case "sales" -> s.withTags(Map.of(
                    "public.people", List.of("pii"),
                    "public.people.email", List.of("pii", "email"),
                    "public.people.phone", List.of("pii", "phone"),
                    "public.people.national_id", List.of("pii", "national_id"),
                    "public.people.birth_date", List.of("pii"),
                    "public.support_tickets.body", List.of("secret")));
            case "crm" -> s.withTags(Map.of("crm.customer.c_phone", List.of("phone")));
            default -> s;
        }).toList();
        return new SluiceConfig(SharedDemoDatabases.testWorkRoot().resolve("sluice.yaml"),
                SharedDemoDatabases.testWorkRoot(), tagged, Limits.DEFAULTS)
                .withAudit(ownAuditLog())
                .withPolicy(PolicySettings.embedded(bundle).withCacheTtl(Duration.ZERO));
    }

    /**
     * An audit log of its own for each engine a test starts: one directory holds one chain, and
     * test classes may run engines side by side. fsync off: tests are not crash tests.
     */
    public static AuditSettings ownAuditLog() {
        return AuditSettings.defaults(SharedDemoDatabases.testWorkRoot().resolve("audit")
                .resolve(java.util.UUID.randomUUID().toString())).withFsync(false);
    }

    /**
     * The demo exactly as {@code conf/sluice.yaml} describes it, over the test databases: each
     * source with the file's {@code tags:}, the file's users (SCRAM verifiers, groups,
     * attributes; every password is {@code sluice-demo}), its {@code views:} and its {@code policy:} section, which
     * points at the default bundle {@code policies/bundle}. The listener takes a free port.
     */
    public static SluiceConfig asConfigured(DemoDatabases databases) {
        return asConfigured(databases, demoConfigFile());
    }

    /** conf/sluice.yaml, the demo's configuration. */
    public static Path demoConfigFile() {
        return Path.of("../conf/sluice.yaml").toAbsolutePath().normalize();
    }

    /** As {@link #asConfigured(DemoDatabases)}, from another configuration file written like conf/sluice.yaml. */
    public static SluiceConfig asConfigured(DemoDatabases databases, Path file) {
        SluiceConfig demo = ConfigLoader.load(file, name -> null);
        Map<String, SourceConfig> configured = demo.sources().stream()
                .collect(java.util.stream.Collectors.toMap(SourceConfig::name, s -> s));
        List<SourceConfig> tagged = sources(databases).stream()
                .map(s -> s.withTags(configured.get(s.name()).tags())).toList();
        SluiceConfig config = new SluiceConfig(SharedDemoDatabases.testWorkRoot().resolve("sluice.yaml"),
                SharedDemoDatabases.testWorkRoot(), tagged, Limits.DEFAULTS)
                .withUsers(demo.users())
                .withViews(demo.views())
                .withListener(new ListenerConfig("127.0.0.1", 0, TlsMode.OPTIONAL, Optional.empty(), Optional.empty()))
                .withAudit(ownAuditLog());
        return demo.policy().map(config::withPolicy).orElseThrow(
                () -> new IllegalStateException("conf/sluice.yaml has no policy section"));
    }

    /** The gateway's own enforcement-test bundle (src/test/resources/policy-bundle). */
    public static Path testBundle() {
        return Path.of("src/test/resources/policy-bundle").toAbsolutePath();
    }

    public static List<SourceConfig> sources(DemoDatabases databases) {
        return List.of(
                SourceConfig.database("sales", SourceType.POSTGRESQL, databases.postgresJdbcUrl(),
                        databases.user(), new Secret(databases.password(), "test")),
                SourceConfig.database("crm", SourceType.MYSQL, databases.mariadbJdbcUrl(),
                        databases.user(), new Secret(databases.password(), "test")),
                SourceConfig.files("lake", databases.filesDirectory()));
    }
}
