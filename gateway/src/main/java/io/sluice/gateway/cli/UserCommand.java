package io.sluice.gateway.cli;

import io.sluice.gateway.auth.ScramVerifier;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sluice user add NAME}: a SCRAM verifier to put in the configuration, never the password. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manages gateway users.",
        subcommands = UserCommand.Add.class)
final class UserCommand {
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Reads a password (from the terminal, or the first line of stdin) and prints the",
                "users: entry with its SCRAM-SHA-256 verifier, ready to paste into sluice.yaml."})
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The user name.")
        String name;

        @Override
        public Integer call() throws Exception {
            char[] password = readPassword();
            if (password.length == 0) {
                System.err.println("sluice: an empty password is not allowed");
                return 2;
            }
            ScramVerifier verifier = ScramVerifier.generate(new String(password));
            Arrays.fill(password, '\0');
            System.out.println("users:");
            System.out.println("  " + name + ":");
            System.out.println("    scram: \"" + verifier + "\"");
            System.out.println("    groups: []");
            return 0;
        }

        private static char[] readPassword() throws Exception {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("Password: ");
                char[] again = console.readPassword("Again: ");
                if (!Arrays.equals(first, again)) {
                    throw new IllegalArgumentException("the passwords differ");
                }
                return first;
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? new char[0] : line.toCharArray();
        }
    }
}
