package io.sluice.gateway.cli;

import io.sluice.gateway.backend.Gateway;
import io.sluice.gateway.config.ConfigLoader;
import io.sluice.gateway.config.SluiceConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice serve}: the gateway on the PostgreSQL wire protocol, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Starts the gateway: the configured sources behind a PostgreSQL listener.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "Configuration file (default: ${DEFAULT-VALUE}).",
            defaultValue = "conf/sluice.yaml")
    Path config;

    @Option(names = {"-p", "--port"}, description = "Listen on this port instead of the configured one.")
    Integer port;

    @Override
    public Integer call() throws Exception {
        SluiceConfig loaded = ConfigLoader.load(config);
        if (port != null) {
            loaded = loaded.withListener(loaded.listener().withPort(port));
        }
        Gateway gateway = Gateway.start(loaded);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "sluice-shutdown"));
        System.out.println("Sluice is listening on " + loaded.listener().host() + ":" + gateway.port()
                + " (TLS " + loaded.listener().tls().name().toLowerCase() + "). Ctrl-C stops it.");
        stopped.await();
        return 0;
    }
}
