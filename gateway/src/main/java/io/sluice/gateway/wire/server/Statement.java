package io.sluice.gateway.wire.server;

import io.sluice.gateway.wire.Column;
import io.sluice.gateway.wire.PreparedQuery;
import io.sluice.gateway.wire.types.PgType;
import java.util.List;

/** A parsed statement as the wire layer keeps it: the backend's, one it answers itself, a cursor command, a COPY, or an empty one. */
sealed interface Statement {
    String sql();

    List<PgType> parameterTypes();

    /** Columns for RowDescription; empty means NoData. */
    List<Column> columns();

    default boolean allowedInFailedTransaction() {
        return false;
    }

    /**
     * @param parameterTypes the types the client declared in Parse where it declared one (the
     *     values it binds are in that type's format), else the types the backend inferred
     */
    record Backend(PreparedQuery query, List<PgType> parameterTypes) implements Statement {
        static Backend of(PreparedQuery query, List<Integer> declared) {
            List<PgType> inferred = query.parameterTypes();
            java.util.ArrayList<PgType> types = new java.util.ArrayList<>(inferred);
            for (int i = 0; i < declared.size(); i++) {
                int oid = declared.get(i);
                java.util.Optional<PgType> type = oid == 0 ? java.util.Optional.empty() : io.sluice.gateway.wire.types.PgTypes.byOid(oid);
                if (i < types.size()) {
                    if (type.isPresent()) {
                        types.set(i, type.get());
                    }
                } else {
                    types.add(type.orElse(io.sluice.gateway.wire.types.PgTypes.UNKNOWN));
                }
            }
            return new Backend(query, List.copyOf(types));
        }

        @Override
        public String sql() {
            return query.sql();
        }

        @Override
        public List<Column> columns() {
            return query.returnsRows() ? query.columns() : List.of();
        }
    }

    record Local(String sql, SessionCommand command, List<Column> columns) implements Statement {
        @Override
        public List<PgType> parameterTypes() {
            return List.of();
        }

        @Override
        public boolean allowedInFailedTransaction() {
            return command.allowedInFailedTransaction();
        }
    }

    /** DECLARE: the cursor's query, planned at Parse so Describe reports its parameters; DECLARE itself returns no rows. */
    record Declare(String sql, CursorCommand.Declare command, PreparedQuery query) implements Statement {
        @Override
        public List<PgType> parameterTypes() {
            return query.parameterTypes();
        }

        @Override
        public List<Column> columns() {
            return List.of();
        }
    }

    /** FETCH, MOVE or CLOSE of a declared cursor; a FETCH's columns are its cursor's. */
    record Cursor(String sql, CursorCommand.OnCursor command, List<Column> columns) implements Statement {
        @Override
        public List<PgType> parameterTypes() {
            return List.of();
        }
    }

    record Copy(String sql, CopyCommand copy, PreparedQuery query) implements Statement {
        @Override
        public List<PgType> parameterTypes() {
            return query.parameterTypes();
        }

        @Override
        public List<Column> columns() {
            return List.of();
        }
    }

    record Empty() implements Statement {
        @Override
        public String sql() {
            return "";
        }

        @Override
        public List<PgType> parameterTypes() {
            return List.of();
        }

        @Override
        public List<Column> columns() {
            return List.of();
        }
    }
}
