package io.sluice.gateway.config;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.config.SourceConfig;
import io.sluice.gateway.audit.AuditSettings;
import io.sluice.policies.engine.PolicySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole of {@code conf/sluice.yaml}, typed. Built by {@link ConfigLoader}; defaults live
 * there and are checked by its test.
 *
 * @param file    where it was read from, for messages
 * @param workDir where the gateway keeps state (certificates, audit log, demo databases)
 * @param policy  the policy engine; absent means no policy (every user reads everything)
 * @param audit   the audit log; by default in {@code <work_dir>/audit}
 * @param views   the views defined in configuration; none by default
 */
public record SluiceConfig(Path file, Path workDir, List<SourceConfig> sources, Limits limits,
        ListenerConfig listener, List<UserConfig> users, Optional<PolicySettings> policy, AuditSettings audit,
        List<ViewConfig> views) {
    public SluiceConfig {
        requireNonNull(file, "file is null");
        requireNonNull(workDir, "workDir is null");
        sources = List.copyOf(sources);
        requireNonNull(limits, "limits is null");
        requireNonNull(listener, "listener is null");
        users = List.copyOf(users);
        requireNonNull(policy, "policy is null");
        requireNonNull(audit, "audit is null");
        views = List.copyOf(views);
    }

    /** Sources and limits only: for tools and tests that do not listen. */
    public SluiceConfig(Path file, Path workDir, List<SourceConfig> sources, Limits limits) {
        this(file, workDir, sources, limits, ListenerConfig.DEFAULTS, List.of(), Optional.empty(),
                AuditSettings.defaults(workDir.resolve("audit")), List.of());
    }

    public SluiceConfig withListener(ListenerConfig newListener) {
        return new SluiceConfig(file, workDir, sources, limits, newListener, users, policy, audit, views);
    }

    public SluiceConfig withLimits(Limits newLimits) {
        return new SluiceConfig(file, workDir, sources, newLimits, listener, users, policy, audit, views);
    }

    public SluiceConfig withUsers(List<UserConfig> newUsers) {
        return new SluiceConfig(file, workDir, sources, limits, listener, newUsers, policy, audit, views);
    }

    public SluiceConfig withPolicy(PolicySettings newPolicy) {
        return new SluiceConfig(file, workDir, sources, limits, listener, users, Optional.of(newPolicy), audit, views);
    }

    public SluiceConfig withAudit(AuditSettings newAudit) {
        return new SluiceConfig(file, workDir, sources, limits, listener, users, policy, newAudit, views);
    }

    public SluiceConfig withViews(List<ViewConfig> newViews) {
        return new SluiceConfig(file, workDir, sources, limits, listener, users, policy, audit, newViews);
    }
}
