package io.sluice.policies.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.policies.decision.Decision;
import io.sluice.policies.decision.DecisionInput;
import io.sluice.policies.decision.DecisionReader;
import io.sluice.policies.decision.PolicyException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides on a real OPA server through its REST Data API:
 *
 * <pre>
 * decide(input) ── POST {opa_url}/v1/data/sluice/decision  {"input": ...} ──► OPA
 *                ◄── 200 {"result": {...}, "decision_id"?: "..."}   → DecisionReader → Decision
 *                ◄── 200 {}                                         → Undefined
 *                ◄── 4xx/5xx {"code", "message", "errors"}          → EngineFailure (OpaHttpClient)
 *                ◄── nothing within the timeout / refused           → EngineFailure (OpaHttpClient)
 *
 * every reload_interval: GET {opa_url}/v1/policies → SHA-256 over (id, raw) of every module → revision()
 * </pre>
 *
 * <p>The revision is what OPA reports about the policy text it holds, not a manifest revision: a
 * {@code .manifest} is only honoured when OPA runs in bundle mode, and {@code /v1/data/system/bundles}
 * only exists then, whereas {@code /v1/policies} is always served. A change of data alone (a
 * {@code data.json}) does not change it; such a change reaches statements once cached decisions expire
 * ({@code cache_ttl}). Decisions carry the revision last seen, which may trail OPA by one refresh.
 * {@code decision_id} is OPA's own id when its decision logs are on, and empty otherwise.
 *
 * <p>The input holds the statement's SQL, so it is never logged.
 */
public final class OpaPolicyEngine implements PolicyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(OpaPolicyEngine.class);
    /** The revision before OPA has ever answered {@code /v1/policies}. */
    public static final String UNKNOWN_REVISION = "unknown";

    private final OpaHttpClient http;
    private final URI decisionUri;
    private final URI policiesUri;
    private final String where;
    private final AtomicReference<String> revision = new AtomicReference<>(UNKNOWN_REVISION);
    private final AtomicBoolean revisionFailing = new AtomicBoolean(false);
    private final ScheduledExecutorService refresher;

    private OpaPolicyEngine(URI opaUrl, Duration timeout, Duration revisionInterval) {
        requireNonNull(opaUrl, "opaUrl is null");
        requireNonNull(revisionInterval, "revisionInterval is null");
        String scheme = Optional.ofNullable(opaUrl.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || opaUrl.getHost() == null) {
            throw new IllegalArgumentException("policy.opa_url must be an http:// or https:// URL with a host, got "
                    + OpaHttpClient.display(opaUrl));
        }
        // Credentials in a URL would end up in logs and are not sent by the JDK client anyway.
        if (opaUrl.getRawUserInfo() != null || opaUrl.getRawQuery() != null || opaUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("policy.opa_url must not carry user info, a query or a fragment: "
                    + OpaHttpClient.display(opaUrl));
        }
        // Appended, not resolved: an OPA behind a proxy path prefix (https://host/opa/) keeps its prefix.
        String base = opaUrl.toString().replaceAll("/+$", "");
        this.decisionUri = URI.create(base + "/v1/data/" + DECISION_PATH);
        this.policiesUri = URI.create(base + "/v1/policies");
        this.where = OpaHttpClient.display(opaUrl);
        this.http = new OpaHttpClient(timeout);
        this.refresher = Periodic.runNowAndEvery("sluice-opa-revision", revisionInterval, this::refreshRevision);
    }

    /**
     * Connects to OPA and reads its policy revision. OPA being down at start-up is not fatal: every
     * statement is denied until it answers, and the revision is read again every {@code revisionInterval}.
     */
    public static OpaPolicyEngine start(URI opaUrl, Duration timeout, Duration revisionInterval) {
        return new OpaPolicyEngine(opaUrl, timeout, revisionInterval);
    }

    @Override
    public Decision decide(DecisionInput input) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.set("input", input.toJson());
        JsonNode response = http.post(decisionUri, request);
        JsonNode result = response.get("result");
        if (result == null) {
            throw new PolicyException.Undefined("the policy did not define data." + DECISION_PATH.replace('/', '.')
                    + " for this statement (OPA at " + where + " answered without a result)");
        }
        JsonNode id = response.path("decision_id");
        return DecisionReader.read(result, id.isTextual() ? id.asText() : "", revision.get());
    }

    @Override
    public String revision() {
        return revision.get();
    }

    /**
     * Reads the policy modules OPA holds and recomputes the revision. A failure keeps the last known
     * revision (decisions themselves fail closed on their own) and is logged once until OPA answers again.
     */
    public Optional<String> refreshRevision() {
        try {
            String now = policyRevision(http.get(policiesUri));
            String before = revision.getAndSet(now);
            if (revisionFailing.getAndSet(false) || !now.equals(before)) {
                LOG.info("OPA at {} serves policy revision {}", where, now.substring(0, 12));
            }
            return Optional.of(now);
        } catch (PolicyException e) {
            if (!revisionFailing.getAndSet(true)) {
                LOG.warn("Could not read the policy revision from OPA at {}: {}", where, e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** SHA-256 over every module's id and raw text, in id order, from {@code GET /v1/policies}. */
    static String policyRevision(JsonNode policies) {
        JsonNode modules = policies.path("result");
        if (!modules.isArray()) {
            throw new PolicyException.EngineFailure("OPA's /v1/policies answer has no \"result\" array", null);
        }
        Map<String, String> byId = new TreeMap<>();
        for (JsonNode m : modules) {
            byId.put(m.path("id").asText(), m.path("raw").asText());
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byId.forEach((id, raw) -> {
                md.update(id.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(raw.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            });
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        http.close();
    }
}
