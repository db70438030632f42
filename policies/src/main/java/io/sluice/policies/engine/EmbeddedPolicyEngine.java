package io.sluice.policies.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.policies.decision.Decision;
import io.sluice.policies.decision.DecisionInput;
import io.sluice.policies.decision.DecisionReader;
import io.sluice.policies.decision.PolicyException;
import io.sluice.policies.rego.ActivePolicy;
import io.sluice.policies.rego.EvalOptions;
import io.sluice.policies.rego.PreparedQuery;
import io.sluice.policies.rego.QueryResult;
import io.sluice.policies.rego.RegoError;
import io.sluice.policies.rego.RegoException;
import io.sluice.policies.rego.SourcePos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides in-process with Sluice's Rego evaluator. The bundle directory is polled for changes
 * (file names, sizes and modification times); a changed bundle is compiled and swapped in only
 * when it compiles cleanly, otherwise it is rejected, reported, and the previous one keeps
 * deciding. Polling rather than a file watcher because editors save by rename and some
 * file systems (bind mounts, NFS) never deliver watch events.
 */
public final class EmbeddedPolicyEngine implements PolicyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPolicyEngine.class);
    private static final String QUERY = "data." + DECISION_PATH.replace('/', '.');
    private static final String MISSING = "missing";

    private final Path bundle;
    private final ActivePolicy active = new ActivePolicy();
    private final AtomicReference<String> seenFiles = new AtomicReference<>("");
    private final ScheduledExecutorService watcher;
    private final Consumer<ActivePolicy.Outcome> onReload;
    private final EvalOptions options;

    private EmbeddedPolicyEngine(Path bundle, Duration reloadInterval, Duration timeout,
            Consumer<ActivePolicy.Outcome> onReload) {
        this.bundle = requireNonNull(bundle, "bundle is null");
        this.onReload = requireNonNull(onReload, "onReload is null");
        this.options = EvalOptions.defaults().withTimeout(requireNonNull(timeout, "timeout is null"));
        this.watcher = Periodic.runNowAndEvery("sluice-policy-reload", reloadInterval, this::reloadIfChanged);
    }

    /**
     * Loads the bundle and starts watching it. A bundle that does not compile at start-up leaves
     * the engine without a policy: every statement is denied until a good bundle appears.
     */
    public static EmbeddedPolicyEngine start(Path bundle, Duration reloadInterval) {
        return start(bundle, reloadInterval, outcome -> {});
    }

    public static EmbeddedPolicyEngine start(Path bundle, Duration reloadInterval,
            Consumer<ActivePolicy.Outcome> onReload) {
        return start(bundle, reloadInterval, Duration.ZERO, onReload);
    }

    /**
     * As above, with an evaluation deadline: a decision still running after {@code timeout} (zero:
     * none) fails with {@link PolicyException.EngineFailure}, so a runaway policy denies rather than hangs.
     */
    public static EmbeddedPolicyEngine start(Path bundle, Duration reloadInterval, Duration timeout,
            Consumer<ActivePolicy.Outcome> onReload) {
        return new EmbeddedPolicyEngine(bundle, reloadInterval, timeout, onReload);
    }

    @Override
    public Decision decide(DecisionInput input) {
        ActivePolicy.Loaded loaded = active.current().orElseThrow(() -> new PolicyException.NoPolicy(
                "no policy bundle is loaded from " + bundle + "; every statement is denied until one compiles"));
        QueryResult result;
        try {
            PreparedQuery query = loaded.policy().prepare(QUERY);
            result = query.execute(Optional.of(input.toJson()), options);
        } catch (RegoException e) {
            throw new PolicyException.EngineFailure("policy evaluation failed: " + e.getMessage(), e);
        }
        JsonNode value = result.isUndefined() ? null : result.solutions().getFirst().expressions().getFirst().value();
        return DecisionReader.read(value, "", loaded.revision());
    }

    @Override
    public String revision() {
        return active.current().map(ActivePolicy.Loaded::revision).orElse("none");
    }

    /** Reloads now if any file changed; returns what happened, or empty when nothing changed. */
    public Optional<ActivePolicy.Outcome> reloadIfChanged() {
        try {
            String files = fingerprint(bundle);
            if (files.equals(seenFiles.get())) {
                return Optional.empty();
            }
            seenFiles.set(files);
            ActivePolicy.Outcome outcome = files.equals(MISSING) ? notABundle("the bundle directory does not exist")
                    : files.lines().noneMatch(EmbeddedPolicyEngine::isModule)
                            ? notABundle("the bundle directory has no .rego file")
                            : active.load(bundle);
            switch (outcome) {
                case ActivePolicy.Accepted a -> LOG.info("Policy bundle {} loaded, revision {}", bundle,
                        a.loaded().revision().substring(0, 12));
                case ActivePolicy.Rejected r -> LOG.error("Policy bundle {} rejected, {} still decides: {}", bundle,
                        r.stillActive().map(s -> "revision " + s.substring(0, 12)).orElse("nothing (all denied)"),
                        r.errors());
            }
            onReload.accept(outcome);
            return Optional.of(outcome);
        } catch (RuntimeException e) {
            LOG.error("Policy bundle {} could not be read: {}", bundle, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A directory that vanished or holds no module would compile to an empty policy and replace the
     * one in force (every statement then undefined); it is rejected like a bundle that does not compile.
     */
    private ActivePolicy.Rejected notABundle(String why) {
        return new ActivePolicy.Rejected(bundle, List.of(new RegoError("bundle_error", why, SourcePos.NONE)),
                active.current().map(ActivePolicy.Loaded::revision));
    }

    private static boolean isModule(String fingerprintLine) {
        return fingerprintLine.matches(".*\\.rego:\\d+:-?\\d+");
    }

    private static String fingerprint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return MISSING;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder sb = new StringBuilder();
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                sb.append(dir.relativize(p)).append(':').append(Files.size(p)).append(':')
                        .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }

}
