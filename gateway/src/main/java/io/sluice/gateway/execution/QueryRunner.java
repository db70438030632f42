package io.sluice.gateway.execution;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.Source;
import io.sluice.connectors.config.SourceType;
import io.sluice.connectors.jdbc.FragmentLog;
import io.sluice.connectors.jdbc.SourceToEnumerableConverter;
import io.sluice.gateway.config.Limits;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.metering.OperatorStats;
import io.sluice.gateway.metering.StatementMemory;
import io.sluice.gateway.planning.PlannedQuery;
import io.sluice.gateway.planning.SourceFragment;
import io.sluice.gateway.session.SessionContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.calcite.linq4j.Enumerable;

/**
 * Starts a planned statement and hands back its rows as a {@link ResultCursor}. Each statement
 * gets its own memory account, drawn from the gateway's pool and returned when it ends.
 *
 * <p>A statement with several independent fragments sends them all when it starts (up to
 * {@value #MAX_PREFETCHED} of them), so its sources work in parallel while Sluice reads one
 * fragment after another: a hash join reads its whole build side before it asks for the first
 * probe row, and a source that aggregates or sorts its fragment has by then done so.
 *
 * <p>A statement that runs whole in one PostgreSQL source skips Calcite's execution: its rows
 * come from the driver as the source encoded them ({@link ForwardedRows}).
 */
public final class QueryRunner {
    static final int MAX_PREFETCHED = 4;

    private final Limits limits;
    private final StatementMemory.Pool memory;
    private final Function<String, Optional<Source>> sources;

    /** @param sources each source by name, for sending fragments ahead and forwarding rows */
    public QueryRunner(Limits limits, StatementMemory.Pool memory, Function<String, Optional<Source>> sources) {
        this.limits = requireNonNull(limits, "limits is null");
        this.memory = requireNonNull(memory, "memory is null");
        this.sources = requireNonNull(sources, "sources is null");
    }

    public ResultCursor start(PlannedQuery query, SessionContext session) {
        return start(query, List.of(), session);
    }

    /** Runs a planned statement with one value per {@code ?} placeholder. */
    public ResultCursor start(PlannedQuery query, List<Object> parameters, SessionContext session) {
        return start(query, parameters, session, Optional.empty());
    }

    /** Runs a statement from {@code SqlPlanner.instrumented}, its operators filling {@code stats}. */
    public ResultCursor startMeasured(PlannedQuery query, SessionContext session, OperatorStats stats) {
        return start(query, List.of(), session, Optional.of(stats));
    }

    private ResultCursor start(PlannedQuery query, List<Object> parameters, SessionContext session,
            Optional<OperatorStats> stats) {
        if (parameters.size() != query.parameters().size()) {
            throw new SluiceException(SqlState.PROTOCOL_VIOLATION, "the statement has " + query.parameters().size()
                    + " parameters but " + parameters.size() + " values were given");
        }
        FragmentLog fragments = new FragmentLog();
        AtomicBoolean cancelFlag = new AtomicBoolean();
        StatementMemory statementMemory = new StatementMemory(limits.statementMemory(), memory);
        StatementDataContext context = new StatementDataContext(query.root(), query.internalParameters(),
                parameters, session, cancelFlag, limits);
        context.put(StatementMemory.DATA_CONTEXT_KEY, statementMemory);
        stats.ifPresent(s -> context.put(OperatorStats.DATA_CONTEXT_KEY, s));
        Optional<Source> wholeStatement = stats.isPresent() ? Optional.empty() : wholeStatementSource(query);
        ResultCursor cursor = new ResultCursor(query.sql(), query.columns(), () -> {
            Optional<ForwardedRows> forwarded = wholeStatement.flatMap(source -> forward(query, source, fragments));
            if (forwarded.isPresent()) {
                return forwarded.get();
            }
            sendIndependentFragments(query, fragments);
            Enumerable<?> enumerable = query.bindable().bind(context);
            return enumerable.enumerator();
        }, fragments, cancelFlag);
        Duration limit = limits.statementTimeout();
        Optional<StatementDeadline> deadline = limit.isZero() ? Optional.empty()
                : Optional.of(StatementDeadline.start(limit, () -> cursor.timeOut(limit)));
        cursor.releaseOnEnd(() -> {
            deadline.ifPresent(StatementDeadline::end);
            fragments.closePrefetched();
            statementMemory.close();
        });
        return cursor;
    }

    /** The source whose rows {@code query} forwards as they are encoded, if it does (for EXPLAIN). */
    public Optional<String> forwardingSource(PlannedQuery query) {
        return wholeStatementSource(query).map(Source::name);
    }

    /**
     * The PostgreSQL source that runs all of {@code query} when nothing is left for Sluice to do:
     * the plan is one fragment, takes no parameters, and every column can be forwarded.
     */
    private Optional<Source> wholeStatementSource(PlannedQuery query) {
        if (!(query.plan() instanceof SourceToEnumerableConverter) || query.fragments().size() != 1
                || !query.parameters().isEmpty() || query.fragments().getFirst().sql().contains("?")
                || !ForwardedRows.forwardable(query.columns())) {
            return Optional.empty();
        }
        return sources.apply(query.fragments().getFirst().source())
                .filter(source -> source.config().type() == SourceType.POSTGRESQL);
    }

    private Optional<ForwardedRows> forward(PlannedQuery query, Source source, FragmentLog log) {
        SourceFragment fragment = query.fragments().getFirst();
        int fetchSize = source.dataSource().fetchSize().orElse(Integer.MAX_VALUE);
        boolean oneFetch = fragment.maxRows().isPresent() && fragment.maxRows().getAsLong() <= fetchSize;
        Optional<ForwardedRows> rows = ForwardedRows.open(source.dataSource(), fragment.sql(), query.columns(),
                oneFetch);
        if (rows.isPresent()) {
            log.addNote("rows forwarded from " + source.name() + " as it encoded them"
                    + (oneFetch ? ", in auto-commit: at most " + fragment.maxRows().getAsLong() + " rows" : ", by COPY"));
        }
        return rows;
    }

    private void sendIndependentFragments(PlannedQuery query, FragmentLog log) {
        List<SourceFragment> independent = query.fragments().stream().filter(SourceFragment::independent).toList();
        if (independent.size() < 2) {
            return;
        }
        int sent = 0;
        for (SourceFragment fragment : independent.subList(0, Math.min(MAX_PREFETCHED, independent.size()))) {
            if (sources.apply(fragment.source()).map(s -> s.dataSource().prefetch(fragment.sql(), log)).orElse(false)) {
                sent++;
            }
        }
        if (sent > 0) {
            log.addNote(sent + " of " + independent.size() + " independent fragments sent when the statement started");
        }
    }
}
