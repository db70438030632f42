package io.sluice.gateway.backend;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.catalog.PgCatalogSql;
import io.sluice.gateway.engine.Engine;
import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.execution.ResultCursor;
import io.sluice.gateway.planning.PlannedQuery;
import io.sluice.gateway.planning.ResultColumn;
import io.sluice.gateway.planning.StatementText;
import io.sluice.gateway.session.SessionContext;
import io.sluice.gateway.wire.Column;
import io.sluice.gateway.wire.PgException;
import io.sluice.gateway.wire.PreparedQuery;
import io.sluice.gateway.wire.RowCursor;
import io.sluice.gateway.wire.Session;
import io.sluice.gateway.wire.types.EncodedColumn;
import io.sluice.gateway.wire.types.PgType;
import io.sluice.gateway.wire.types.PgTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.calcite.sql.type.SqlTypeName;

/** One client connection's view of the engine; see {@link Session} for the threading contract. */
final class EngineSession implements Session {
    private static final List<Column> PLAN_COLUMNS =
            List.of(new Column("QUERY PLAN", PgTypes.TEXT, -1, 0, (short) 0));

    private final Engine engine;
    private final SessionContext identity;
    private volatile ResultCursor running;

    EngineSession(Engine engine, SessionContext identity) {
        this.engine = requireNonNull(engine, "engine is null");
        this.identity = requireNonNull(identity, "identity is null");
    }

    /** A statement ready to run: planned, or an EXPLAIN that plans when it runs. */
    private record Prepared(String sql, List<PgType> parameterTypes, List<Column> columns,
            Optional<PlannedQuery> plan, Placeholders placeholders, List<UnaryOperator<Object>> converters)
            implements PreparedQuery {}

    @Override
    public PreparedQuery prepare(String text, List<Integer> parameterTypeOids) {
        // Client catalog queries use PostgreSQL-only syntax (OPERATOR(pg_catalog.~), ::regclass).
        String sql = PgCatalogSql.normalise(text);
        StatementText statement = StatementText.of(sql);
        Map<Integer, String> declared = new HashMap<>();
        for (int i = 0; i < parameterTypeOids.size(); i++) {
            int n = i + 1;
            PgTypeMapping.sqlTypeForOid(parameterTypeOids.get(i)).ifPresent(type -> declared.put(n, type));
        }
        Placeholders placeholders = Placeholders.rewrite(sql, declared);
        if (statement.explain()) {
            if (placeholders.count() > 0) {
                throw PgException.unsupported("EXPLAIN of a statement with parameters is not supported");
            }
            return new Prepared(sql, List.of(), PLAN_COLUMNS, Optional.empty(), placeholders,
                    List.of(UnaryOperator.identity()));
        }
        try {
            PlannedQuery plan = engine.plan(placeholders.sql(), identity);
            List<PgType> parameterTypes = parameterTypes(placeholders, plan, parameterTypeOids);
            List<Column> columns = plan.columns().stream().map(PgTypeMapping::column).toList();
            List<UnaryOperator<Object>> converters = plan.columns().stream().map(PgTypeMapping::converter).toList();
            return new Prepared(sql, parameterTypes, columns, Optional.of(plan), placeholders, converters);
        } catch (SluiceException e) {
            throw toPg(e);
        }
    }

    /** The client's declared types where it gave them; otherwise what the validator inferred. */
    private static List<PgType> parameterTypes(Placeholders placeholders, PlannedQuery plan, List<Integer> declared) {
        List<PgType> types = new ArrayList<>();
        for (int n = 1; n <= placeholders.count(); n++) {
            int oid = n <= declared.size() ? declared.get(n - 1) : 0;
            Optional<PgType> byClient = oid == 0 ? Optional.empty() : PgTypes.byOid(oid);
            if (byClient.isPresent()) {
                types.add(byClient.get());
                continue;
            }
            int occurrence = placeholders.occurrence().indexOf(n);
            if (occurrence < 0) {
                types.add(PgTypes.TEXT);
                continue;
            }
            ResultColumn inferred = plan.parameters().get(occurrence);
            PgType type = PgTypeMapping.pgType(inferred.type(), inferred.elementType());
            types.add(inferred.type() == SqlTypeName.CHAR ? PgTypes.VARCHAR : type);
        }
        return types;
    }

    @Override
    public RowCursor execute(PreparedQuery query, List<Object> parameters, long maxRowsHint) {
        Prepared prepared = (Prepared) query;
        try {
            ResultCursor cursor = prepared.plan().isPresent()
                    ? engine.execute(prepared.plan().get(), prepared.placeholders().bind(parameters), identity)
                    : engine.execute(prepared.sql(), identity);
            running = cursor;
            return new EngineRowCursor(cursor, prepared.converters(), this);
        } catch (SluiceException e) {
            throw toPg(e);
        }
    }

    void finished(ResultCursor cursor) {
        if (running == cursor) {
            running = null;
        }
    }

    @Override
    public void cancel() {
        ResultCursor cursor = running;
        if (cursor != null) {
            cursor.cancel();
        }
    }

    static PgException toPg(SluiceException e) {
        return new PgException(e.state().code(), e.getMessage(), e.position().orElse(0), null, null, e);
    }

    /**
     * Pulls rows from the engine in the batches the wire layer asks for. Rows that come straight
     * from a PostgreSQL source go out as the source encoded them ({@link #encodedColumns()}).
     */
    private static final class EngineRowCursor implements RowCursor {
        private final ResultCursor cursor;
        private final List<UnaryOperator<Object>> converters;
        private final EngineSession session;
        private Optional<List<EncodedColumn>> encoded;
        private boolean exhausted;

        EngineRowCursor(ResultCursor cursor, List<UnaryOperator<Object>> converters, EngineSession session) {
            this.cursor = cursor;
            this.converters = converters;
            this.session = session;
        }

        @Override
        public List<Object[]> fetch(int maxRows) {
            if (exhausted) {
                return List.of();
            }
            List<Object[]> batch = new ArrayList<>(Math.min(maxRows, 1024));
            try {
                while (batch.size() < maxRows) {
                    if (!cursor.next()) {
                        exhausted = true;
                        break;
                    }
                    batch.add(encodedColumns().isPresent() ? cursor.encodedRow() : row());
                }
            } catch (SluiceException e) {
                throw toPg(e);
            }
            return batch;
        }

        /** Known once the first row is there: whether the rows come as their source encoded them. */
        @Override
        public Optional<List<EncodedColumn>> encodedColumns() {
            if (encoded == null) {
                encoded = cursor.sourceEncodings().map(encodings -> encodings.stream()
                        .map(e -> new EncodedColumn(PgTypes.byName(e.typeName()).orElseThrow(), e.binary()))
                        .toList());
            }
            return encoded;
        }

        private Object[] row() {
            Object[] row = cursor.row();
            for (int i = 0; i < row.length && i < converters.size(); i++) {
                if (row[i] != null) {
                    row[i] = converters.get(i).apply(row[i]);
                }
            }
            return row;
        }

        @Override
        public boolean exhausted() {
            return exhausted;
        }

        @Override
        public void close() {
            cursor.close();
            session.finished(cursor);
        }
    }
}
