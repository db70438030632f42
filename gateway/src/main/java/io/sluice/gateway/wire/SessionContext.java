package io.sluice.gateway.wire;

import static java.util.Objects.requireNonNull;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is connected and the session state the wire layer keeps for them: start-up options,
 * run-time parameters (SET/SHOW/RESET) and the transaction status. Backends read it; only the
 * wire layer changes it. Thread-safe.
 */
public final class SessionContext {
    /** Parameters PostgreSQL reports to the client in ParameterStatus, with our defaults. */
    public static final Map<String, String> REPORTED_DEFAULTS;

    /** Other parameters SHOW knows about without anyone having SET them. */
    public static final Map<String, String> OTHER_DEFAULTS;

    static {
        Map<String, String> reported = new LinkedHashMap<>();
        reported.put("application_name", "");
        reported.put("client_encoding", "UTF8");
        reported.put("DateStyle", "ISO, MDY");
        reported.put("default_transaction_read_only", "off");
        reported.put("in_hot_standby", "off");
        reported.put("integer_datetimes", "on");
        reported.put("IntervalStyle", "postgres");
        reported.put("is_superuser", "off");
        reported.put("server_encoding", "UTF8");
        reported.put("server_version", "16.4 (Sluice)");
        reported.put("session_authorization", "");
        reported.put("standard_conforming_strings", "on");
        reported.put("TimeZone", "UTC");
        REPORTED_DEFAULTS = Collections.unmodifiableMap(reported);

        Map<String, String> other = new LinkedHashMap<>();
        other.put("server_version_num", "160004");
        other.put("search_path", "\"$user\", public");
        other.put("transaction_isolation", "read committed");
        other.put("default_transaction_isolation", "read committed");
        other.put("transaction_read_only", "off");
        other.put("statement_timeout", "0");
        other.put("lock_timeout", "0");
        other.put("extra_float_digits", "1");
        other.put("max_identifier_length", "63");
        other.put("max_index_keys", "32");
        other.put("lc_collate", "C.UTF-8");
        other.put("lc_ctype", "C.UTF-8");
        other.put("lc_messages", "C.UTF-8");
        other.put("lc_monetary", "C.UTF-8");
        other.put("lc_numeric", "C.UTF-8");
        other.put("lc_time", "C.UTF-8");
        other.put("bytea_output", "hex");
        other.put("client_min_messages", "notice");
        other.put("row_security", "on");
        OTHER_DEFAULTS = Collections.unmodifiableMap(other);
    }

    private final String user;
    private final String database;
    private final Map<String, String> startupOptions;
    private final SocketAddress remoteAddress;
    private final boolean tls;
    private final int processId;
    /** Keyed by lower-case name; values keep the spelling of the first writer in {@link #names}. */
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final Map<String, String> sessionDefaults = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private volatile TransactionStatus transactionStatus = TransactionStatus.IDLE;

    public SessionContext(String user, String database, Map<String, String> startupOptions,
            SocketAddress remoteAddress, boolean tls, int processId) {
        this.user = requireNonNull(user, "user is null");
        this.database = requireNonNull(database, "database is null");
        this.startupOptions = Map.copyOf(requireNonNull(startupOptions, "startupOptions is null"));
        this.remoteAddress = requireNonNull(remoteAddress, "remoteAddress is null");
        this.tls = tls;
        this.processId = processId;
        REPORTED_DEFAULTS.forEach(this::putDefault);
        OTHER_DEFAULTS.forEach(this::putDefault);
        putDefault("session_authorization", user);
        // Start-up options that are run-time parameters become the session's defaults (RESET returns to them).
        startupOptions.forEach((name, value) -> {
            if (!name.equals("user") && !name.equals("database") && !name.equals("options")
                    && !name.equals("replication") && !name.startsWith("_pq_.")) {
                putDefault(name, normalize(name, value));
            }
        });
        parseOptions(startupOptions.getOrDefault("options", "")).forEach((name, value) -> putDefault(name, normalize(name, value)));
    }

    /**
     * The {@code options} start-up parameter (libpq's PGOPTIONS): {@code -c name=value} or
     * {@code --name=value} settings separated by spaces; a backslash escapes a space.
     */
    static Map<String, String> parseOptions(String options) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (c == '\\' && i + 1 < options.length()) {
                word.append(options.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String setting = null;
            if (w.equals("-c") && i + 1 < words.size()) {
                setting = words.get(++i);
            } else if (w.startsWith("-c")) {
                setting = w.substring(2);
            } else if (w.startsWith("--")) {
                setting = w.substring(2);
            }
            int eq = setting == null ? -1 : setting.indexOf('=');
            if (eq > 0) {
                out.put(setting.substring(0, eq).replace('-', '_'), setting.substring(eq + 1));
            }
        }
        return out;
    }

    private void putDefault(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        names.putIfAbsent(key, name);
        sessionDefaults.put(key, value);
        parameters.put(key, value);
    }

    private static String normalize(String name, String value) {
        String v = value.strip();
        if (name.equalsIgnoreCase("client_encoding")) {
            String bare = v.replace("'", "").replace("-", "").toUpperCase(Locale.ROOT);
            return bare.equals("UNICODE") || bare.equals("UTF8") ? "UTF8" : bare;
        }
        return v;
    }

    public String user() {
        return user;
    }

    public String database() {
        return database;
    }

    /** Every key/value pair of the StartupMessage (user, database, options, application_name, ...). */
    public Map<String, String> startupOptions() {
        return startupOptions;
    }

    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    public boolean tls() {
        return tls;
    }

    /** The process id given to the client in BackendKeyData. */
    public int processId() {
        return processId;
    }

    /** The session's TimeZone as a ZoneId (UTC when it is not one Java knows). */
    public java.time.ZoneId zone() {
        String tz = parameter("TimeZone").orElse("UTC");
        try {
            return java.time.ZoneId.of(tz.equalsIgnoreCase("utc") ? "UTC" : tz);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    public String applicationName() {
        return parameter("application_name").orElse("");
    }

    /** The current value of a run-time parameter (case-insensitive name). */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** All parameters by their canonical spelling, sorted. */
    public Map<String, String> parameters() {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        parameters.forEach((k, v) -> out.put(names.getOrDefault(k, k), v));
        return Collections.unmodifiableMap(out);
    }

    /** The canonical spelling of a parameter name (e.g. {@code DateStyle} for {@code datestyle}). */
    public String canonicalName(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return names.getOrDefault(key, key);
    }

    /** Sets a parameter; returns the previous value. Wire layer only. */
    public Optional<String> setParameter(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        names.putIfAbsent(key, key);
        return Optional.ofNullable(parameters.put(key, normalize(name, value)));
    }

    /** Resets a parameter to its session default (from start-up or built-in); returns the new value. */
    public Optional<String> resetParameter(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        String def = sessionDefaults.get(key);
        if (def == null) {
            parameters.remove(key);
            return Optional.empty();
        }
        parameters.put(key, def);
        return Optional.of(def);
    }

    /** Resets every parameter to its session default. */
    public void resetAll() {
        parameters.keySet().removeIf(k -> !sessionDefaults.containsKey(k));
        parameters.putAll(sessionDefaults);
    }

    public TransactionStatus transactionStatus() {
        return transactionStatus;
    }

    public void transactionStatus(TransactionStatus status) {
        this.transactionStatus = requireNonNull(status, "status is null");
    }
}
