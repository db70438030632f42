package io.sluice.gateway.cli;

import io.sluice.gateway.config.ConfigLoader;
import io.sluice.gateway.config.SluiceConfig;
import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.session.SessionContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice sql}: one statement, or an interactive prompt, straight against the engine. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Runs one SQL statement against the configured sources and prints an aligned table.",
            "Without a statement, opens an interactive prompt (end statements with ';', quit with \\q)."})
final class SqlCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, description = "Configuration file (default: ${DEFAULT-VALUE}).",
            defaultValue = "conf/sluice.yaml")
    Path config;

    @Option(names = {"-v", "--verbose"}, description = "On an internal error, also print its full cause.")
    boolean verbose;

    @Parameters(arity = "0..1", paramLabel = "STATEMENT", description = "The SQL statement to run.")
    String statement;

    @Override
    public Integer call() {
        SluiceConfig loaded = ConfigLoader.load(config);
        try (Engine engine = Engine.start(ToolAudit.ownLog(loaded))) {
            if (statement != null) {
                return run(engine, statement, System.out, System.err, verbose) ? 0 : 1;
            }
            return prompt(engine);
        }
    }

    static boolean run(Engine engine, String sql, PrintStream out, PrintStream err) {
        return run(engine, sql, out, err, false);
    }

    static boolean run(Engine engine, String sql, PrintStream out, PrintStream err, boolean verbose) {
        long start = System.nanoTime();
        try (ResultCursor cursor = engine.execute(sql, SessionContext.localAdmin())) {
            TablePrinter.print(cursor, out);
            err.printf("Time: %.1f ms%n", (System.nanoTime() - start) / 1e6);
            return true;
        } catch (SluiceException e) {
            err.println("ERROR:  " + e.getMessage() + " (SQLSTATE " + e.state().code() + ")");
            e.position().ifPresent(p -> err.println(pointer(sql, p)));
            if (verbose && e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return false;
        }
    }

    /** psql-style "LINE n: ... ^" under the character the error points at. */
    static String pointer(String sql, int position) {
        int index = Math.max(0, Math.min(position - 1, sql.length()));
        int lineStart = sql.lastIndexOf('\n', index - 1) + 1;
        int lineEnd = sql.indexOf('\n', index);
        String line = sql.substring(lineStart, lineEnd < 0 ? sql.length() : lineEnd);
        int lineNumber = (int) sql.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
        String prefix = "LINE " + lineNumber + ": ";
        return prefix + line + "\n" + " ".repeat(prefix.length() + index - lineStart) + "^";
    }

    private static int prompt(Engine engine) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder buffer = new StringBuilder();
        System.out.println("sluice: type SQL ending with ';', \\q to quit.");
        try {
            while (true) {
                System.out.print(buffer.isEmpty() ? "sluice=> " : "sluice-> ");
                System.out.flush();
                String line = in.readLine();
                if (line == null || (buffer.isEmpty() && line.strip().equals("\\q"))) {
                    return 0;
                }
                buffer.append(line).append('\n');
                String text = buffer.toString().strip();
                if (text.endsWith(";")) {
                    run(engine, text.substring(0, text.length() - 1), System.out, System.out);
                    buffer.setLength(0);
                }
            }
        } catch (IOException e) {
            System.err.println("ERROR:  reading input: " + e.getMessage());
            return 1;
        }
    }
}
