package io.sluice.gateway.execution;

import io.sluice.connectors.jdbc.FragmentLog;
import io.sluice.gateway.error.ErrorTranslator;
import io.sluice.gateway.planning.PlannedQuery;
import io.sluice.gateway.session.SessionContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/** Starts a planned statement and hands back its rows as a {@link ResultCursor}. */
public final class QueryRunner {
    private final Duration statementTimeout;

    public QueryRunner(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public ResultCursor start(PlannedQuery query, SessionContext session) {
        FragmentLog fragments = new FragmentLog();
        AtomicBoolean cancelFlag = new AtomicBoolean();
        StatementDataContext context = new StatementDataContext(query.root(), query.internalParameters(),
                session.user(), cancelFlag, statementTimeout.toMillis());
        try (FragmentLog.Activation ignored = fragments.activate()) {
            Enumerable<?> enumerable = query.bindable().bind(context);
            Enumerator<?> enumerator = enumerable.enumerator();
            return new ResultCursor(query.sql(), query.columns(), enumerator, fragments, cancelFlag);
        } catch (RuntimeException e) {
            throw ErrorTranslator.translate(e, query.sql());
        }
    }
}
