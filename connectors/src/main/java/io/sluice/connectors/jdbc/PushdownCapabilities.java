package io.sluice.connectors.jdbc;

import static java.util.Objects.requireNonNull;

import io.sluice.connectors.config.SourceType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.LibraryOperator;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Which expressions a source can evaluate. Calcite's JDBC rules push any expression to any
 * source; a PostgreSQL-only operator such as {@code ILIKE} then reaches MariaDB as SQL it
 * rejects. Standard operators go everywhere (each dialect spells them); an operator from one of
 * Calcite's function libraries goes only to sources whose SQL has it; user-defined functions
 * (the policy helpers among them) never leave Sluice.
 */
public final class PushdownCapabilities {
    private static final Map<SqlOperator, Set<SqlLibrary>> LIBRARY_OPERATORS = libraryOperators();

    private final Set<SqlLibrary> libraries;

    private PushdownCapabilities(Set<SqlLibrary> libraries) {
        this.libraries = requireNonNull(libraries, "libraries is null");
    }

    public static PushdownCapabilities of(SourceType type) {
        return new PushdownCapabilities(switch (type) {
            case POSTGRESQL -> EnumSet.of(SqlLibrary.POSTGRESQL);
            case MYSQL -> EnumSet.of(SqlLibrary.MYSQL);
            // DuckDB follows PostgreSQL's function names (ILIKE, ::, string functions).
            case DUCKDB, FILES -> EnumSet.of(SqlLibrary.POSTGRESQL);
            case SQLITE -> EnumSet.noneOf(SqlLibrary.class);
        });
    }

    /** True when every operator in every expression can be sent to this source. */
    public boolean canEvaluate(List<? extends RexNode> expressions) {
        Checker checker = new Checker();
        for (RexNode expression : expressions) {
            expression.accept(checker);
            if (!checker.ok) {
                return false;
            }
        }
        return true;
    }

    public boolean canEvaluate(RexNode expression) {
        return canEvaluate(List.of(expression));
    }

    boolean supports(SqlOperator operator) {
        if (operator instanceof SqlFunction function
                && function.getFunctionType() == SqlFunctionCategory.USER_DEFINED_FUNCTION) {
            return false;
        }
        Set<SqlLibrary> owners = LIBRARY_OPERATORS.get(operator);
        return owners == null || owners.stream().anyMatch(libraries::contains);
    }

    private final class Checker extends RexVisitorImpl<Void> {
        boolean ok = true;

        Checker() {
            super(true);
        }

        @Override
        public Void visitCall(RexCall call) {
            // No source dialect spells TIMESTAMP WITH LOCAL TIME ZONE; PostgreSQL rejects the SQL.
            if (!supports(call.getOperator()) || call.getKind() == SqlKind.CAST
                    && call.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                ok = false;
                return null;
            }
            return super.visitCall(call);
        }
    }

    /** Calcite marks each library operator with the libraries it belongs to; read that once. */
    private static Map<SqlOperator, Set<SqlLibrary>> libraryOperators() {
        Map<SqlOperator, Set<SqlLibrary>> map = new IdentityHashMap<>();
        for (Field field : SqlLibraryOperators.class.getFields()) {
            LibraryOperator annotation = field.getAnnotation(LibraryOperator.class);
            if (annotation == null || !Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            try {
                if (field.get(null) instanceof SqlOperator operator) {
                    Set<SqlLibrary> libs = EnumSet.noneOf(SqlLibrary.class);
                    libs.addAll(List.of(annotation.libraries()));
                    libs.removeAll(List.of(annotation.exceptLibraries()));
                    map.put(operator, libs);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + field, e);
            }
        }
        return map;
    }
}
