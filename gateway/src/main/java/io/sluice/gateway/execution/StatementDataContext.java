package io.sluice.gateway.execution;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.jdbc.BatchParameters;
import io.sluice.connectors.jdbc.DependentJoinRun;
import io.sluice.gateway.config.Limits;
import io.sluice.gateway.session.SessionContext;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import io.sluice.gateway.planning.SluiceTypeSystem;

/**
 * What the compiled code of one statement execution reads at run time: the root schema (to
 * reach each source's data source), the statement's clock and time zone, its cancel flag, and
 * the values the compiler stashed for it.
 */
final class StatementDataContext implements DataContext, BatchParameters {
    private final SchemaPlus root;
    private final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);
    private final Map<String, Object> values = new HashMap<>();
    /** Set while the statement runs, by dependent joins, whose batches may run on other threads. */
    private final Map<String, Object> batchParameters = new ConcurrentHashMap<>();

    StatementDataContext(SchemaPlus root, Map<String, Object> internalParameters, java.util.List<Object> parameters,
            SessionContext session, AtomicBoolean cancelFlag, Limits limits) {
        String user = session.user();
        this.root = requireNonNull(root, "root is null");
        for (int i = 0; i < parameters.size(); i++) {
            values.put("?" + i, toCalcite(parameters.get(i)));
        }
        long now = System.currentTimeMillis();
        TimeZone timeZone = TimeZone.getTimeZone("UTC");
        values.putAll(internalParameters);
        values.put(Variable.UTC_TIMESTAMP.camelName, now);
        values.put(Variable.CURRENT_TIMESTAMP.camelName, now);
        values.put(Variable.LOCAL_TIMESTAMP.camelName, now);
        values.put(Variable.SYS_TIMESTAMP.camelName, now);
        values.put(Variable.TIME_ZONE.camelName, timeZone);
        values.put(SessionContext.DATA_CONTEXT_KEY, session);
        values.put(Variable.USER.camelName, user);
        values.put(Variable.SYSTEM_USER.camelName, user);
        values.put(Variable.LOCALE.camelName, java.util.Locale.ROOT);
        values.put(Variable.CANCEL_FLAG.camelName, cancelFlag);
        // No Variable.TIMEOUT: QueryRunner's clock cancels the statement and its source queries.
        values.put(DependentJoinRun.MAX_IN_LIST_KEYS, limits.dependentJoinInListKeys());
        values.put(DependentJoinRun.MAX_ARRAY_KEYS, limits.dependentJoinArrayKeys());
    }

    /**
     * Parameter values in the form both halves of a plan accept: the compiled code converts
     * java.sql dates and times to its internal numbers, and the JDBC fragments bind them as they
     * are. (Handing it LocalDate would reach neither.)
     */
    private static Object toCalcite(Object value) {
        return switch (value) {
            case null -> null;
            case java.time.LocalDate d -> java.sql.Date.valueOf(d);
            case java.time.LocalDateTime t -> java.sql.Timestamp.valueOf(t);
            case java.time.LocalTime t -> java.sql.Time.valueOf(t);
            case java.time.OffsetDateTime t -> java.sql.Timestamp.from(t.toInstant());
            default -> value;
        };
    }

    @Override
    public SchemaPlus getRootSchema() {
        return root;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return typeFactory;
    }

    @Override
    public QueryProvider getQueryProvider() {
        throw new UnsupportedOperationException("Sluice plans read sources through JDBC, not query providers");
    }

    @Override
    public Object get(String name) {
        Object value = values.get(name);
        return value != null ? value : batchParameters.get(name);
    }

    /** Adds a value the compiled code or its operators read at run time. */
    void put(String name, Object value) {
        values.put(name, value);
    }

    @Override
    public void setParameter(int index, Object value) {
        batchParameters.put("?" + index, value);
    }

    @Override
    public void share(String name, Object value) {
        batchParameters.put(name, value);
    }
}
