package io.sluice.policies.engine;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The decision contract on a real OPA 1.x server in a container, started the way the README says
 * ({@code opa run --server --addr :8181 BUNDLE}) over the very same bundle directory. Where no
 * Docker engine runs, every test of this class is skipped with a message saying so; the same
 * tests still run on the embedded engine ({@link EmbeddedPolicyEngineContractTest}).
 */
class OpaPolicyEngineContractTest extends PolicyEngineContractTest {
    /** Override with -Dsluice.opa.image=openpolicyagent/opa:TAG to try another OPA release. */
    static final String IMAGE = System.getProperty("sluice.opa.image", "openpolicyagent/opa:1.4.2");
    private static final int PORT = 8181;

    private GenericContainer<?> opa;

    private static final boolean DOCKER = DockerClientFactory.instance().isDockerAvailable();

    @Override
    protected Optional<String> unavailable() {
        return DOCKER ? Optional.empty()
                : Optional.of("no Docker engine is reachable, so the OPA contract tests did not run against "
                        + IMAGE + " (the embedded engine ran them)");
    }

    @BeforeAll
    void sayWhySkipped() {
        // Surefire does not print assumption messages; say it where a reader of the build log looks.
        unavailable().ifPresent(reason -> System.out.println("SKIPPED OpaPolicyEngineContractTest: " + reason));
    }

    @Override
    protected PolicyEngine startEngine(Path bundle) {
        opa = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withCopyFileToContainer(MountableFile.forHostPath(bundle), "/bundle")
                .withCommand("run", "--server", "--addr", ":" + PORT, "/bundle")
                .withExposedPorts(PORT)
                .waitingFor(Wait.forHttp("/health").forPort(PORT).forStatusCode(200));
        opa.start();
        URI url = URI.create("http://" + opa.getHost() + ":" + opa.getMappedPort(PORT));
        return OpaPolicyEngine.start(url, Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    @AfterAll
    void stopOpa() {
        if (opa != null) {
            opa.stop();
        }
    }
}
