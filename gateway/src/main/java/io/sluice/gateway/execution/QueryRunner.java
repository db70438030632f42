package io.sluice.gateway.execution;

import io.sluice.connectors.jdbc.FragmentLog;
import io.sluice.gateway.planning.PlannedQuery;
import io.sluice.gateway.session.SessionContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerable;

/** Starts a planned statement and hands back its rows as a {@link ResultCursor}. */
public final class QueryRunner {
    private final Duration statementTimeout;

    public QueryRunner(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public ResultCursor start(PlannedQuery query, SessionContext session) {
        return start(query, java.util.List.of(), session);
    }

    /** Runs a planned statement with one value per {@code ?} placeholder. */
    public ResultCursor start(PlannedQuery query, java.util.List<Object> parameters, SessionContext session) {
        if (parameters.size() != query.parameters().size()) {
            throw new io.sluice.gateway.error.SluiceException(io.sluice.gateway.error.SqlState.PROTOCOL_VIOLATION,
                    "the statement has " + query.parameters().size() + " parameters but " + parameters.size()
                            + " values were given");
        }
        FragmentLog fragments = new FragmentLog();
        AtomicBoolean cancelFlag = new AtomicBoolean();
        StatementDataContext context = new StatementDataContext(query.root(), query.internalParameters(),
                parameters, session, cancelFlag, statementTimeout.toMillis());
        return new ResultCursor(query.sql(), query.columns(), () -> {
            Enumerable<?> enumerable = query.bindable().bind(context);
            return enumerable.enumerator();
        }, fragments, cancelFlag);
    }
}
