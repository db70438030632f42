package io.sluice.policies.engine;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How statements are decided.
 *
 * @param engine         {@code embedded} (in-process Rego, default) or {@code opa}
 * @param bundle         the bundle directory the embedded engine loads and watches
 * @param opaUrl         the OPA server, for {@code engine: opa}
 * @param timeout        how long to wait for OPA before denying
 * @param cacheTtl       how long a decision is reused for the same user, tables and bundle revision
 *                       (zero: never cached)
 * @param reloadInterval how often the embedded engine looks for changed bundle files
 */
public record PolicySettings(Engine engine, Path bundle, Optional<URI> opaUrl, Duration timeout, Duration cacheTtl,
        Duration reloadInterval) {
    public enum Engine { EMBEDDED, OPA }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(1);

    public PolicySettings {
        requireNonNull(engine, "engine is null");
        requireNonNull(bundle, "bundle is null");
        requireNonNull(opaUrl, "opaUrl is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(cacheTtl, "cacheTtl is null");
        requireNonNull(reloadInterval, "reloadInterval is null");
        if (engine == Engine.OPA && opaUrl.isEmpty()) {
            throw new IllegalArgumentException("engine opa needs opa_url");
        }
    }

    /** The embedded engine over a bundle directory, with the default timings. */
    public static PolicySettings embedded(Path bundle) {
        return new PolicySettings(Engine.EMBEDDED, bundle, Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_CACHE_TTL,
                DEFAULT_RELOAD_INTERVAL);
    }

    public PolicySettings withCacheTtl(Duration ttl) {
        return new PolicySettings(engine, bundle, opaUrl, timeout, ttl, reloadInterval);
    }

    public PolicySettings withReloadInterval(Duration interval) {
        return new PolicySettings(engine, bundle, opaUrl, timeout, cacheTtl, interval);
    }

    public PolicySettings withOpa(URI url) {
        return new PolicySettings(Engine.OPA, bundle, Optional.of(url), timeout, cacheTtl, reloadInterval);
    }

    public PolicySettings withTimeout(Duration newTimeout) {
        return new PolicySettings(engine, bundle, opaUrl, newTimeout, cacheTtl, reloadInterval);
    }
}
