package io.sluice.policies.engine;

import static io.sluice.policies.engine.Inputs.input;
import static io.sluice.policies.engine.Inputs.table;
import static io.sluice.policies.engine.Inputs.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.policies.decision.Decision;
import io.sluice.policies.decision.Decision.RowFilter;
import io.sluice.policies.decision.DecisionInput;
import io.sluice.policies.decision.PolicyException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OPA engine against an HTTP server that answers as OPA's REST API documents: a result, no
 * result (undefined), OPA's error bodies, an answer that is too slow, and nobody listening. Every
 * outcome that is not a well-formed decision must fail closed with the right exception.
 */
class OpaPolicyEngineTest {
    private static final String DECISION = "/v1/data/sluice/decision";
    private static final String POLICIES = "/v1/policies";
    private static final String POLICY_LIST = """
            {"result": [{"id": "bundle/decision.rego", "raw": "package sluice\\n\\ndecision := {\\"allow\\": true}\\n",
                         "ast": {"package": {"path": [{"type": "var", "value": "data"}]}}}]}""";
    private static final DecisionInput INPUT = input(user("ana", "analysts"), table("sales.public.orders"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpaStandIn opa;
    private OpaPolicyEngine engine;

    @BeforeEach
    void start() {
        opa = new OpaStandIn().answer(POLICIES, 200, POLICY_LIST);
        engine = OpaPolicyEngine.start(opa.url(), Duration.ofSeconds(5), Duration.ofMinutes(10));
    }

    @AfterEach
    void stop() {
        engine.close();
        opa.close();
    }

    @Test
    void inputIsPostedToTheDecisionPathAndTheResultBecomesTheDecision() throws IOException {
        opa.answer(DECISION, 200, """
                {"decision_id": "4c1a-77", "result": {"allow": true, "reasons": ["analysts may read sales"],
                 "tables": {"sales.public.orders": {"row_filters": [{"expression": "region = 'EU'", "rule": "eu"}]}}}}""");

        Decision d = engine.decide(INPUT);

        assertThat(d.allow()).isTrue();
        assertThat(d.id()).isEqualTo("4c1a-77");
        assertThat(d.reasons()).containsExactly("analysts may read sales");
        assertThat(d.table("sales.public.orders").rowFilters()).containsExactly(new RowFilter("region = 'EU'", "eu"));
        assertThat(d.revision()).isEqualTo(engine.revision()).matches("[0-9a-f]{64}");
        OpaStandIn.Received sent = opa.received(DECISION).getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.contentType()).isEqualTo("application/json");
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.createObjectNode().set("input", INPUT.toJson()));
    }

    @Test
    void decisionIdIsEmptyWhenOpaLogsNoDecisions() {
        opa.answer(DECISION, 200, "{\"result\": {\"allow\": false}}");

        assertThat(engine.decide(INPUT).id()).isEmpty();
    }

    @Test
    void answerWithoutResultIsUndefined() {
        opa.answer(DECISION, 200, "{}");
        assertThatThrownBy(() -> engine.decide(INPUT)).isInstanceOf(PolicyException.Undefined.class)
                .hasMessageContaining("data.sluice.decision").hasMessageContaining("without a result");

        opa.answer(DECISION, 200, "{\"decision_id\": \"d-2\"}");
        assertThatThrownBy(() -> engine.decide(INPUT)).isInstanceOf(PolicyException.Undefined.class);
    }

    @Test
    void malformedResultIsAMalformedDecisionNamingThePath() {
        opa.answer(DECISION, 200, "{\"result\": {\"allow\": \"yes\"}}");

        assertThatThrownBy(() -> engine.decide(INPUT)).isInstanceOf(PolicyException.MalformedDecision.class)
                .hasMessage("decision.allow must be true or false, got string");
    }

    @Test
    void evaluationErrorNamesOpasCodeAndTheNestedErrorWithItsPlace() {
        opa.answer(DECISION, 500, """
                {"code": "internal_error", "message": "error(s) occurred while evaluating query",
                 "errors": [{"code": "eval_conflict_error", "message": "complete rules must not produce multiple outputs",
                             "location": {"file": "/bundle/decision.rego", "row": 20, "col": 1}}]}""");

        assertThatThrownBy(() -> engine.decide(INPUT)).isInstanceOf(PolicyException.EngineFailure.class)
                .hasMessage("OPA at " + opa.url() + DECISION + " answered HTTP 500: internal_error: error(s) occurred"
                        + " while evaluating query; eval_conflict_error: complete rules must not produce multiple"
                        + " outputs (/bundle/decision.rego:20)");
    }

    @Test
    void badRequestNamesOpasCode() {
        opa.answer(DECISION, 400, "{\"code\": \"invalid_parameter\", \"message\": \"body contains malformed input document\"}");

        assertThatThrownBy(() -> engine.decide(INPUT)).isInstanceOf(PolicyException.EngineFailure.class)
                .hasMessageEndingWith("answered HTTP 400: invalid_parameter: body contains malformed input document");
    }

    @Test
    void anErrorPageFromAProxyIsNotMistakenForOpa() {
        opa.answer(DECISION, 502, "<html>\n<body>Bad Gateway</body>\n</html>");

        assertThatThrownBy(() -> engine.decide(INPUT)).isInstanceOf(PolicyException.EngineFailure.class)
                .hasMessageEndingWith("answered HTTP 502: not an OPA error body: <html> <body>Bad Gateway</body> </html>");
    }

    @Test
    void successThatIsNotJsonIsAnEngineFailure() {
        opa.answer(DECISION, 200, "ok");

        assertThatThrownBy(() -> engine.decide(INPUT)).isInstanceOf(PolicyException.EngineFailure.class)
                .hasMessageEndingWith("answered HTTP 200 with a body that is not a JSON object: ok");
    }

    @Test
    void answerSlowerThanTheTimeoutFailsClosed() {
        opa.hang(DECISION);
        try (OpaPolicyEngine impatient = OpaPolicyEngine.start(opa.url(), Duration.ofMillis(300), Duration.ofMinutes(10))) {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> impatient.decide(INPUT)).isInstanceOf(PolicyException.EngineFailure.class)
                            .hasMessage("OPA at " + opa.url() + DECISION + " did not answer within 300 ms"));
        }
    }

    @Test
    void bodyThatStopsAfterTheHeadersFailsClosedAtTheTimeout() {
        opa.hangAfterHeaders(DECISION, "{\"result\": {\"allow\": ");
        try (OpaPolicyEngine impatient = OpaPolicyEngine.start(opa.url(), Duration.ofMillis(300), Duration.ofMinutes(10))) {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> impatient.decide(INPUT)).isInstanceOf(PolicyException.EngineFailure.class)
                            .hasMessageEndingWith("did not answer within 300 ms"));
        }
    }

    @Test
    void nobodyListeningFailsClosedAndLeavesTheRevisionUnknown() {
        URI closed = URI.create("http://127.0.0.1:" + closedPort());
        try (OpaPolicyEngine unreachable = OpaPolicyEngine.start(closed, Duration.ofSeconds(2), Duration.ofMinutes(10))) {
            assertThat(unreachable.revision()).isEqualTo(OpaPolicyEngine.UNKNOWN_REVISION);
            assertThatThrownBy(() -> unreachable.decide(INPUT)).isInstanceOf(PolicyException.EngineFailure.class)
                    .hasMessage("OPA at " + closed + DECISION + " is unreachable (connection refused)");
        }
    }

    @Test
    void urlWithCredentialsOrQueryIsRejectedWithoutEchoingThem() {
        for (String url : List.of("http://sluice:s3cret-pw@127.0.0.1:8181", "http://127.0.0.1:8181/?token=s3cret-pw")) {
            assertThatThrownBy(() -> OpaPolicyEngine.start(URI.create(url), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .message().contains("policy.opa_url", "127.0.0.1:8181").doesNotContain("s3cret-pw");
        }
    }

    @Test
    void aPathPrefixInTheUrlIsKept() {
        opa.answer("/opa" + DECISION, 200, "{\"result\": {\"allow\": true}}");
        try (OpaPolicyEngine proxied = OpaPolicyEngine.start(URI.create(opa.url() + "/opa/"), Duration.ofSeconds(5),
                Duration.ofMinutes(10))) {
            assertThat(proxied.decide(INPUT).allow()).isTrue();
        }
        assertThat(opa.received("/opa" + DECISION)).hasSize(1);
    }

    @Test
    void revisionFollowsThePolicyTextOpaHolds() {
        String first = engine.revision();
        assertThat(first).matches("[0-9a-f]{64}");

        opa.answer(POLICIES, 200, POLICY_LIST.replace("\\\"allow\\\": true", "\\\"allow\\\": false"));
        String second = engine.refreshRevision().orElseThrow();
        assertThat(second).isNotEqualTo(first).isEqualTo(engine.revision());

        opa.answer(POLICIES, 200, POLICY_LIST.replace("\\\"allow\\\": true", "\\\"allow\\\": false")
                .replace("\"type\": \"var\"", "\"type\": \"ref\""));
        assertThat(engine.refreshRevision()).contains(second);

        opa.answer(POLICIES, 500, "{\"code\": \"internal_error\", \"message\": \"storage error\"}");
        assertThat(engine.refreshRevision()).isEmpty();
        assertThat(engine.revision()).isEqualTo(second);
    }

    @Test
    void revisionIsReadAgainOnItsOwnSchedule() throws InterruptedException {
        try (OpaPolicyEngine polling = OpaPolicyEngine.start(opa.url(), Duration.ofSeconds(5), Duration.ofMillis(100))) {
            String first = polling.revision();
            opa.answer(POLICIES, 200, POLICY_LIST.replace("package sluice", "package sluice.v2"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (polling.revision().equals(first) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(polling.revision()).isNotEqualTo(first).matches("[0-9a-f]{64}");
        }
    }

    @Test
    void onlyHttpUrlsAreAccepted() {
        assertThatThrownBy(() -> OpaPolicyEngine.start(URI.create("file:///etc/opa"), Duration.ofSeconds(1),
                Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy.opa_url");
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
