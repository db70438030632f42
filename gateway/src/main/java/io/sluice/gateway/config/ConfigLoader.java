package io.sluice.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sluice.connectors.config.Secret;
import io.sluice.connectors.config.SourceConfig;
import io.sluice.connectors.config.SourceType;
import io.sluice.gateway.audit.AuditSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.sluice.policies.engine.PolicySettings;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code sluice.yaml} into a {@link SluiceConfig}, checking every key as it goes. Any
 * mistake stops with a {@link ConfigException} naming the file, the key and the fix; unknown
 * keys are mistakes too (a misspelt {@code pasword:} must not silently mean "no password").
 *
 * <p>Values may reference the environment: {@code ${env:NAME}} or {@code ${env:NAME:-default}}.
 * Resolved secrets are kept in {@link Secret}s, which never print their value.
 */
public final class ConfigLoader {
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-(.*?))?}");
    private static final Set<String> TOP_LEVEL =
            Set.of("work_dir", "sources", "limits", "listener", "users", "policy", "audit", "views");
    private static final Set<String> LISTENER_KEYS = Set.of("host", "port", "tls", "certificate", "private_key");
    private static final Set<String> USER_KEYS = Set.of("scram", "groups", "attributes");
    private static final Set<String> SOURCE_KEYS = Set.of("type", "url", "path", "user", "password", "schemas",
            "tags", "max_connections", "connect_timeout", "metadata_refresh");
    private static final Set<String> LIMIT_KEYS = Set.of("statement_timeout", "max_rows", "dependent_join_keys",
            "dependent_join_array_keys", "statement_memory");
    private static final Set<String> POLICY_KEYS =
            Set.of("engine", "bundle", "opa_url", "timeout", "cache_ttl", "reload_interval");
    private static final Set<String> VIEW_KEYS = Set.of("sql", "description");
    private static final Set<String> AUDIT_KEYS = Set.of("dir", "fsync", "max_file_size", "checkpoint_every",
            "checkpoint_interval", "signing_key", "public_key");

    private final Path file;
    private final Function<String, String> environment;

    private ConfigLoader(Path file, Function<String, String> environment) {
        this.file = file;
        this.environment = environment;
    }

    public static SluiceConfig load(Path file) {
        return load(file, System::getenv);
    }

    public static SluiceConfig load(Path file, Function<String, String> environment) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, "", "file not found; pass -c with the path of your sluice.yaml");
        } catch (IOException e) {
            throw new ConfigException(file, "", "cannot read: " + e.getMessage());
        }
        return new ConfigLoader(file, environment).parse(text);
    }

    public static SluiceConfig parse(Path file, String text, Function<String, String> environment) {
        return new ConfigLoader(file, environment).parse(text);
    }

    private SluiceConfig parse(String text) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new ConfigException(file, where, "not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(file, "", "the file is empty; it needs at least a 'sources:' section");
        }
        requireObject(root, "");
        checkKeys(root, "", TOP_LEVEL);
        Path baseDir = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("."));
        Path workDir = resolvePath(baseDir, text(root, "work_dir").orElse("../work"));
        List<SourceConfig> sources = sources(root.path("sources"), baseDir);
        Limits limits = limits(root.path("limits"));
        return new SluiceConfig(file, workDir.normalize(), sources, limits, listener(root.path("listener"), baseDir),
                users(root.path("users")), policy(root.path("policy"), baseDir),
                audit(root.path("audit"), baseDir, workDir.normalize()), views(root.path("views")));
    }

    /**
     * The shape of each view only; its SQL is parsed and checked against the live catalog when the
     * gateway starts (see {@code ConfiguredViews}), where names and types are known.
     */
    private List<ViewConfig> views(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        requireObject(node, "views");
        List<ViewConfig> views = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = "views." + entry.getKey();
            if (!entry.getKey().matches("[a-z][a-z0-9_]*")) {
                throw new ConfigException(file, key,
                        "view names must be lower-case letters, digits and '_', starting with a letter");
            }
            requireObject(entry.getValue(), key);
            checkKeys(entry.getValue(), key, VIEW_KEYS);
            String sql = text(entry.getValue(), "sql").filter(s -> !s.isBlank()).orElseThrow(() ->
                    new ConfigException(file, key + ".sql", "missing; the view's query, e.g. sql: select id, email"
                            + " from sales.people"));
            views.add(new ViewConfig(entry.getKey(), sql.strip(), text(entry.getValue(), "description")));
        }
        return views;
    }

    /** Absent: no policy engine, every user sees everything (the gateway warns at start). */
    private Optional<PolicySettings> policy(JsonNode node, Path baseDir) {
        if (node.isMissingNode()) {
            return Optional.empty();
        }
        requireObject(node, "policy");
        checkKeys(node, "policy", POLICY_KEYS);
        String engineName = text(node, "engine").orElse("embedded");
        PolicySettings.Engine engine = switch (engineName) {
            case "embedded" -> PolicySettings.Engine.EMBEDDED;
            case "opa" -> PolicySettings.Engine.OPA;
            default -> throw new ConfigException(file, "policy.engine", "'" + engineName
                    + "' is not an engine; write embedded or opa");
        };
        Path bundle = resolvePath(baseDir, text(node, "bundle").orElse("../policies/bundle")).normalize();
        Optional<java.net.URI> opaUrl = Optional.empty();
        if (node.has("opa_url")) {
            String url = text(node, "opa_url").orElse("");
            try {
                java.net.URI uri = new java.net.URI(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new java.net.URISyntaxException(url, "not http or https");
                }
                opaUrl = Optional.of(uri);
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(file, "policy.opa_url", "'" + url
                        + "' is not an http(s) URL; write e.g. http://127.0.0.1:8181");
            }
        }
        if (engine == PolicySettings.Engine.OPA && opaUrl.isEmpty()) {
            throw new ConfigException(file, "policy.opa_url", "missing; engine opa needs the server's URL");
        }
        return Optional.of(new PolicySettings(engine, bundle, opaUrl,
                node.has("timeout") ? duration(node, "timeout", "policy") : PolicySettings.DEFAULT_TIMEOUT,
                node.has("cache_ttl") ? duration(node, "cache_ttl", "policy") : PolicySettings.DEFAULT_CACHE_TTL,
                node.has("reload_interval") ? duration(node, "reload_interval", "policy")
                        : PolicySettings.DEFAULT_RELOAD_INTERVAL));
    }

    private AuditSettings audit(JsonNode node, Path baseDir, Path workDir) {
        AuditSettings defaults = AuditSettings.defaults(workDir.resolve("audit"));
        if (node.isMissingNode()) {
            return defaults;
        }
        requireObject(node, "audit");
        checkKeys(node, "audit", AUDIT_KEYS);
        Path dir = text(node, "dir").map(p -> resolvePath(baseDir, p)).orElse(defaults.directory());
        AuditSettings settings = AuditSettings.defaults(dir);
        if (node.has("fsync")) {
            String fsync = text(node, "fsync").orElse("").toLowerCase(Locale.ROOT);
            if (!fsync.equals("true") && !fsync.equals("false")) {
                throw new ConfigException(file, "audit.fsync", "must be true or false");
            }
            settings = settings.withFsync(Boolean.parseBoolean(fsync));
        }
        if (node.has("max_file_size")) {
            String size = text(node, "max_file_size").orElse("");
            long bytes = parseSize(size);
            if (bytes < 4096) {
                throw new ConfigException(file, "audit.max_file_size",
                        "'" + size + "' is not a size of at least 4KB; write e.g. 64MB, 512KB or 1GB");
            }
            settings = settings.withMaxFileBytes(bytes);
        }
        int every = settings.checkpointEvery();
        if (node.has("checkpoint_every")) {
            every = node.get("checkpoint_every").asInt(-1);
            if (every < 1) {
                throw new ConfigException(file, "audit.checkpoint_every", "must be a whole number of lines, at least 1");
            }
        }
        Duration interval = node.has("checkpoint_interval") ? duration(node, "checkpoint_interval", "audit")
                : settings.checkpointInterval();
        settings = settings.withCheckpoints(every, interval);
        Path signingKey = text(node, "signing_key").map(p -> resolvePath(baseDir, p)).orElse(settings.signingKey());
        Path publicKey = text(node, "public_key").map(p -> resolvePath(baseDir, p))
                .orElse(signingKey.resolveSibling(AuditSettings.PUBLIC_KEY_FILE));
        return settings.withKeys(signingKey, publicKey);
    }

    /** Accepts 4096, 512KB, 64MB, 1GB (KiB, MiB, GiB too; all powers of 1024); -1 when unreadable. */
    static long parseSize(String value) {
        Matcher m = Pattern.compile("(\\d{1,12})\\s*(|b|kb|kib|k|mb|mib|m|gb|gib|g)")
                .matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return -1;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "kb", "kib", "k" -> n * 1024;
            case "mb", "mib", "m" -> n * 1024 * 1024;
            case "gb", "gib", "g" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }

    private List<SourceConfig> sources(JsonNode node, Path baseDir) {
        if (node.isMissingNode()) {
            throw new ConfigException(file, "sources", "missing; name at least one source (see conf/sluice.yaml)");
        }
        requireObject(node, "sources");
        List<SourceConfig> sources = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            sources.add(source(entry.getKey(), entry.getValue(), baseDir));
        }
        return sources;
    }

    private SourceConfig source(String name, JsonNode node, Path baseDir) {
        String key = "sources." + name;
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new ConfigException(file, key,
                    "source names must be lower-case letters, digits and '_', starting with a letter");
        }
        requireObject(node, key);
        checkKeys(node, key, SOURCE_KEYS);
        String typeName = text(node, "type").orElseThrow(() -> new ConfigException(file, key + ".type",
                "missing; one of " + SourceType.allConfigNames()));
        SourceType type = SourceType.fromConfigName(typeName).orElseThrow(() -> new ConfigException(file,
                key + ".type", "unknown source type '" + typeName + "'; one of " + SourceType.allConfigNames()));
        SourceConfig config;
        if (type == SourceType.FILES) {
            String path = text(node, "path").orElseThrow(() -> new ConfigException(file, key + ".path",
                    "missing; a files source needs the directory holding its CSV and Parquet files"));
            config = SourceConfig.files(name, resolvePath(baseDir, path));
        } else {
            String url = text(node, "url").orElseThrow(() -> new ConfigException(file, key + ".url",
                    "missing; the JDBC URL of the database, e.g. jdbc:" + type.configName() + "://host:port/db"));
            String expectedPrefix = switch (type) {
                case POSTGRESQL -> "jdbc:postgresql:";
                case MYSQL -> "jdbc:mariadb:|jdbc:mysql:";
                case SQLITE -> "jdbc:sqlite:";
                case DUCKDB -> "jdbc:duckdb:";
                case FILES -> "";
            };
            if (java.util.Arrays.stream(expectedPrefix.split("\\|")).noneMatch(url::startsWith)) {
                throw new ConfigException(file, key + ".url",
                        "a " + type.configName() + " source needs a URL starting with " + expectedPrefix.replace("|",
                                " or "));
            }
            if (url.startsWith("jdbc:mysql:")) {
                // One driver for MySQL and MariaDB: the MariaDB connector accepts both servers.
                url = "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
            }
            String user = text(node, "user").orElse("");
            Secret password = text(node, "password").map(p -> new Secret(p, key + ".password")).orElse(Secret.none());
            config = SourceConfig.database(name, type, url, user, password);
        }
        if (node.has("schemas")) {
            JsonNode schemas = node.get("schemas");
            if (!schemas.isArray()) {
                throw new ConfigException(file, key + ".schemas", "must be a list, e.g. [public, sales]");
            }
            List<String> names = new ArrayList<>();
            schemas.forEach(s -> names.add(resolveEnv(s.asText(), key + ".schemas")));
            config = config.withSchemas(names);
        }
        if (node.has("tags")) {
            config = config.withTags(tags(node.get("tags"), key + ".tags"));
        }
        if (node.has("connect_timeout")) {
            config = config.withConnectTimeout(duration(node, "connect_timeout", key));
        }
        if (node.has("metadata_refresh")) {
            config = config.withMetadataRefresh(duration(node, "metadata_refresh", key));
        }
        if (node.has("max_connections")) {
            int max = node.get("max_connections").asInt(-1);
            if (max < 1) {
                throw new ConfigException(file, key + ".max_connections", "must be a whole number of at least 1");
            }
            config = new SourceConfig(config.name(), config.type(), config.url(), config.path(), config.user(),
                    config.password(), config.schemas(), config.tags(), max, config.connectTimeout(),
                    config.metadataRefresh());
        }
        return config;
    }

    private Map<String, List<String>> tags(JsonNode node, String key) {
        requireObject(node, key);
        Map<String, List<String>> tags = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isArray()) {
                throw new ConfigException(file, key + "." + entry.getKey(), "must be a list of tags, e.g. [pii, email]");
            }
            List<String> values = new ArrayList<>();
            entry.getValue().forEach(v -> values.add(v.asText().toLowerCase(Locale.ROOT)));
            tags.put(entry.getKey().toLowerCase(Locale.ROOT), values);
        }
        return tags;
    }

    private ListenerConfig listener(JsonNode node, Path baseDir) {
        ListenerConfig defaults = ListenerConfig.DEFAULTS;
        if (node.isMissingNode()) {
            return defaults;
        }
        requireObject(node, "listener");
        checkKeys(node, "listener", LISTENER_KEYS);
        String host = text(node, "host").orElse(defaults.host());
        int port = defaults.port();
        if (node.has("port")) {
            String text = text(node, "port").orElse("");
            port = text.matches("\\d{1,5}") ? Integer.parseInt(text) : -1;
            if (port < 0 || port > 65535) {
                throw new ConfigException(file, "listener.port", "must be a port number 0..65535 (0 picks a free one)");
            }
        }
        String tlsName = text(node, "tls").orElse(defaults.tls().name().toLowerCase(Locale.ROOT));
        io.sluice.gateway.tls.TlsMode tls = java.util.Arrays.stream(io.sluice.gateway.tls.TlsMode.values())
                .filter(m -> m.name().equalsIgnoreCase(tlsName))
                .findFirst()
                .orElseThrow(() -> new ConfigException(file, "listener.tls",
                        "'" + tlsName + "' is not a TLS mode; write disabled, optional or required"));
        Optional<Path> certificate = text(node, "certificate").map(p -> resolvePath(baseDir, p));
        Optional<Path> privateKey = text(node, "private_key").map(p -> resolvePath(baseDir, p));
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new ConfigException(file, "listener", "certificate and private_key go together; give both or neither");
        }
        return new ListenerConfig(host, port, tls, certificate, privateKey);
    }

    private List<UserConfig> users(JsonNode node) {
        if (node.isMissingNode()) {
            return List.of();
        }
        requireObject(node, "users");
        List<UserConfig> users = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = "users." + entry.getKey();
            JsonNode user = entry.getValue();
            requireObject(user, key);
            checkKeys(user, key, USER_KEYS);
            String scram = text(user, "scram").orElseThrow(() -> new ConfigException(file, key + ".scram",
                    "missing; create one with: scripts/sluice user add " + entry.getKey()));
            io.sluice.gateway.auth.ScramVerifier verifier;
            try {
                verifier = io.sluice.gateway.auth.ScramVerifier.parse(scram);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, key + ".scram",
                        "not a SCRAM-SHA-256 verifier; create one with: scripts/sluice user add " + entry.getKey());
            }
            List<String> groups = new ArrayList<>();
            if (user.has("groups")) {
                if (!user.get("groups").isArray()) {
                    throw new ConfigException(file, key + ".groups", "must be a list, e.g. [analysts]");
                }
                user.get("groups").forEach(g -> groups.add(g.asText()));
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            if (user.has("attributes")) {
                requireObject(user.get("attributes"), key + ".attributes");
                user.get("attributes").fields().forEachRemaining(a -> attributes.put(a.getKey(), a.getValue().asText()));
            }
            users.add(new UserConfig(entry.getKey(), verifier, groups, attributes));
        }
        return users;
    }

    private Limits limits(JsonNode node) {
        if (node.isMissingNode()) {
            return Limits.DEFAULTS;
        }
        requireObject(node, "limits");
        checkKeys(node, "limits", LIMIT_KEYS);
        Duration timeout = node.has("statement_timeout") ? duration(node, "statement_timeout", "limits")
                : Limits.DEFAULTS.statementTimeout();
        long maxRows = Limits.DEFAULTS.maxRows();
        if (node.has("max_rows")) {
            maxRows = node.get("max_rows").asLong(-1);
            if (maxRows < 0) {
                throw new ConfigException(file, "limits.max_rows", "must be a whole number, 0 for no limit");
            }
        }
        int inListKeys = keyLimit(node, "dependent_join_keys", "IN lists", Limits.DEFAULTS.dependentJoinInListKeys());
        // Before arrays had a limit of their own, dependent_join_keys: 0 turned every dependent join off.
        int arrayKeys = keyLimit(node, "dependent_join_array_keys", "arrays",
                inListKeys == 0 ? 0 : Limits.DEFAULTS.dependentJoinArrayKeys());
        long statementMemory = Limits.DEFAULTS.statementMemory();
        if (node.has("statement_memory")) {
            String size = text(node, "statement_memory").orElse("");
            statementMemory = parseSize(size);
            if (statementMemory < 1 << 20) {
                throw new ConfigException(file, "limits.statement_memory",
                        "'" + size + "' is not a size of at least 1MB; write e.g. 512MB or 2GB");
            }
        }
        return new Limits(timeout, maxRows, inListKeys, arrayKeys, statementMemory);
    }

    private int keyLimit(JsonNode limits, String field, String sentAs, int byDefault) {
        if (!limits.has(field)) {
            return byDefault;
        }
        JsonNode keys = limits.get(field);
        if (!keys.canConvertToInt() || !keys.isIntegralNumber() || keys.intValue() < 0) {
            throw new ConfigException(file, "limits." + field,
                    "must be a whole number of keys, 0 to send no keys as " + sentAs);
        }
        return keys.intValue();
    }

    private Duration duration(JsonNode parent, String field, String key) {
        String value = text(parent, field).orElse("");
        try {
            return parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, key + "." + field,
                    "'" + value + "' is not a duration; write e.g. 500ms, 30s, 5m or 1h");
        }
    }

    /** Accepts 500ms, 30s, 5m, 1h, 2d, or ISO-8601 (PT30S). */
    static Duration parseDuration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(value, e);
        }
    }

    private Optional<String> text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw new ConfigException(file, field, "must be a single value, not a list or a map");
        }
        return Optional.of(resolveEnv(node.asText(), field));
    }

    private String resolveEnv(String value, String key) {
        Matcher m = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = environment.apply(m.group(1));
            if (resolved == null) {
                if (m.group(2) == null) {
                    throw new ConfigException(file, key, "environment variable " + m.group(1)
                            + " is not set; export it, or write ${env:" + m.group(1) + ":-default}");
                }
                resolved = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void checkKeys(JsonNode node, String key, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                String where = key.isEmpty() ? field : key + "." + field;
                throw new ConfigException(file, where, "unknown key; expected one of "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    private void requireObject(JsonNode node, String key) {
        if (!node.isObject()) {
            throw new ConfigException(file, key.isEmpty() ? "(top level)" : key, "must be a map of keys to values");
        }
    }

    private static Path resolvePath(Path baseDir, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    }
}
