package io.sluice.gateway.demo;


/** Small helpers shared by the demo classes. */
final class DemoUtil {

    private DemoUtil() {
    }

    /** A PostgreSQL string literal (standard_conforming_strings is on: only quotes need doubling). */
    static String pgString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A MariaDB string literal: backslash is an escape character there, so it is doubled too. */
    static String mariaString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
