package io.sluice.gateway.testing;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.demo.DemoDatabases;
import io.sluice.gateway.engine.Engine;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One engine over the shared demo databases for the tests of a class, started before the first and
 * closed after the last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DemoEngine demo = DemoEngine.of(DemoEngines::config);
 * ... demo.engine().execute(sql, SessionContext.localAdmin()) ...
 * }</pre>
 */
public final class DemoEngine implements BeforeAllCallback, AfterAllCallback {
    private final Function<DemoDatabases, SluiceConfig> config;
    private Optional<Engine> engine = Optional.empty();

    private DemoEngine(Function<DemoDatabases, SluiceConfig> config) {
        this.config = requireNonNull(config, "config");
    }

    public static DemoEngine of(Function<DemoDatabases, SluiceConfig> config) {
        return new DemoEngine(config);
    }

    public Engine engine() {
        return engine.orElseThrow(() -> new IllegalStateException(
                "the engine runs only while the class's tests do: register DemoEngine with @RegisterExtension"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        engine = Optional.of(Engine.start(config.apply(SharedDemoDatabases.get())));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        engine.ifPresent(Engine::close);
        engine = Optional.empty();
    }
}
