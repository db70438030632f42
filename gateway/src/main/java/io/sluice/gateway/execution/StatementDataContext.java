package io.sluice.gateway.execution;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import io.sluice.gateway.planning.SluiceTypeSystem;

/**
 * What the compiled code of one statement execution reads at run time: the root schema (to
 * reach each source's data source), the statement's clock and time zone, its cancel flag, its
 * timeout, and the values the compiler stashed for it.
 */
final class StatementDataContext implements DataContext {
    private final SchemaPlus root;
    private final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);
    private final Map<String, Object> values = new HashMap<>();

    StatementDataContext(SchemaPlus root, Map<String, Object> internalParameters, String user,
            AtomicBoolean cancelFlag, long timeoutMillis) {
        this.root = requireNonNull(root, "root is null");
        long now = System.currentTimeMillis();
        TimeZone timeZone = TimeZone.getTimeZone("UTC");
        values.putAll(internalParameters);
        values.put(Variable.UTC_TIMESTAMP.camelName, now);
        values.put(Variable.CURRENT_TIMESTAMP.camelName, now);
        values.put(Variable.LOCAL_TIMESTAMP.camelName, now);
        values.put(Variable.SYS_TIMESTAMP.camelName, now);
        values.put(Variable.TIME_ZONE.camelName, timeZone);
        values.put(Variable.USER.camelName, user);
        values.put(Variable.SYSTEM_USER.camelName, user);
        values.put(Variable.LOCALE.camelName, java.util.Locale.ROOT);
        values.put(Variable.CANCEL_FLAG.camelName, cancelFlag);
        if (timeoutMillis > 0) {
            values.put(Variable.TIMEOUT.camelName, timeoutMillis);
        }
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
        return values.get(name);
    }
}
