package io.sluice.gateway.testing;

import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.demo.DemoSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One set of demo databases (TPC-H SF {@value #SCALE_FACTOR}, reference database included, free ports) per
 * test JVM, started on first use and stopped when the JVM exits. Data lives in
 * {@code gateway/target/test-work/demo-sf0.01} and is reused by later runs, so only the first run after
 * {@code mvn clean} pays for loading (~15 s); later starts take ~3 s.
 *
 * <p>Use {@link #get()} directly, or {@code @ExtendWith(SharedDemoDatabases.Extension.class)} and take a
 * {@link DemoDatabases} parameter in a test or lifecycle method. Tests must not write through the admin
 * connections into the shared tables; create their own tables or databases if they need to write.
 */
public final class SharedDemoDatabases {

    public static final double SCALE_FACTOR = 0.01;
    /** Overrides where the shared data lives. */
    public static final String WORK_DIR_PROPERTY = "sluice.test.demoWorkDir";

    private static DemoDatabases instance;
    private static RuntimeException startFailure;

    private SharedDemoDatabases() {
    }

    /** The running shared databases; starts them on the first call. Fails fast on later calls if that failed. */
    public static synchronized DemoDatabases get() {
        if (instance != null) {
            return instance;
        }
        if (startFailure != null) {
            throw new IllegalStateException("shared demo databases failed to start earlier in this JVM: "
                    + startFailure.getMessage(), startFailure);
        }
        try {
            DemoDatabases started = DemoDatabases.start(new DemoSettings(workDir(), SCALE_FACTOR, 0, 0, true));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "sluice-shared-demo-databases-stop"));
            instance = started;
            return started;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    /** {@code <gateway module>/target/test-work/demo-sf0.01}, unless {@value #WORK_DIR_PROPERTY} says otherwise. */
    public static Path workDir() {
        String override = System.getProperty(WORK_DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        return testWorkRoot().resolve("demo-sf" + SCALE_FACTOR);
    }

    /** {@code <gateway module>/target/test-work}: surefire runs tests with the module directory as basedir. */
    public static Path testWorkRoot() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
                .resolve("target").resolve("test-work");
    }

    /** Resolves {@link DemoDatabases} parameters to the shared instance. */
    public static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == DemoDatabases.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return get();
        }
    }
}
