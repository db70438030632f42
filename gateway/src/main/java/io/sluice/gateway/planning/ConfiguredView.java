package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.Set;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A view defined in configuration, as the planner sees it: a table whose scan is replaced by its
 * query while the statement is converted. Policy runs after conversion, so it only ever meets the
 * scans of the source tables the view reads and filters and masks them for the invoking user
 * (security-invoker semantics); a view is never a way around a row filter, a mask or a denial.
 *
 * <pre>
 *  SELECT ... FROM contacts ─convert─▶ Project(cast to the view's row type, plan of the view's SQL)
 *                          ─policy──▶ the view's source scans filtered and masked like any other
 * </pre>
 *
 * The view is compiled (validated, its row type and the columns it reads worked out) on first use
 * and kept; the gateway compiles every view at start-up so that a mistake stops it there.
 */
public final class ConfiguredView extends AbstractTable implements TranslatableTable {
    /** The schema views live in; it is on the search path, so {@code contacts} means {@code views.contacts}. */
    public static final String SCHEMA = "views";

    /** The views whose compilation is under way on this thread, outermost first, to catch cycles. */
    private static final ThreadLocal<SequencedSet<String>> COMPILING = ThreadLocal.withInitial(LinkedHashSet::new);

    /** What compiling a view's SQL yields. */
    interface Compiler {
        Compiled compile(String name, String sql);
    }

    /**
     * @param rowType the view's columns and types, in any type factory
     * @param reads   what each of its columns reads from policy tables
     */
    record Compiled(RelProtoDataType rowType, ViewReads reads) {
        Compiled {
            requireNonNull(rowType, "rowType is null");
            requireNonNull(reads, "reads is null");
        }

        static Compiled of(RelDataType rowType, ViewReads reads) {
            return new Compiled(RelDataTypeImpl.proto(rowType), reads);
        }
    }

    private final String name;
    private final String sql;
    private final Optional<String> description;
    private final Compiler compiler;
    private volatile Compiled compiled;

    ConfiguredView(String name, String sql, Optional<String> description, Compiler compiler) {
        this.name = requireNonNull(name, "name is null");
        this.sql = requireNonNull(sql, "sql is null");
        this.description = requireNonNull(description, "description is null");
        this.compiler = requireNonNull(compiler, "compiler is null");
    }

    public String name() {
        return name;
    }

    /** The view's SQL as configured; catalogs show it only to users who may read everything it reads. */
    public String sql() {
        return sql;
    }

    public Optional<String> description() {
        return description;
    }

    /** What the view's columns read; compiles the view if it has not been yet. */
    public ViewReads reads() {
        return compiled().reads();
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return compiled().rowType().apply(typeFactory);
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable table) {
        RelRoot root = context.expandView(table.getRowType(), sql, List.of(), List.of(SCHEMA, name));
        // The view's own names and types, whatever the expansion calls its fields.
        return RelOptUtil.createCastRel(root.project(), table.getRowType(), true);
    }

    /**
     * Compiles once; a failure is not kept, so a view over a source that was down at start-up
     * works once the source is back. A view met again while it compiles refers to itself.
     */
    Compiled compiled() {
        Compiled known = compiled;
        if (known != null) {
            return known;
        }
        SequencedSet<String> compiling = COMPILING.get();
        if (compiling.contains(name)) {
            List<String> cycle = compiling.stream().dropWhile(n -> !n.equals(name)).toList();
            throw new ViewDefinitionException(name, new SluiceException(SqlState.INVALID_OBJECT_DEFINITION,
                    "it refers to itself: " + String.join(" -> ", cycle) + " -> " + name));
        }
        compiling.add(name);
        try {
            known = compiler.compile(name, sql);
            compiled = known;
            return known;
        } catch (RuntimeException | AssertionError e) {
            throw ViewDefinitionException.blame(name, sql, e);
        } finally {
            compiling.remove(name);
        }
    }

    /**
     * The view's row type with the names PostgreSQL would give its columns. As in PostgreSQL, every
     * column needs a name of its own: an unnamed expression or a name used twice is a mistake in
     * the view, not something to number away.
     */
    static RelDataType named(RelDataType validated, List<String> selectListNames, RelDataTypeFactory typeFactory) {
        List<String> names = ColumnNames.postgres(selectListNames, validated.getFieldNames());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String column = names.get(i);
            if (column.equals("?column?")) {
                throw new SluiceException(SqlState.INVALID_OBJECT_DEFINITION, "column " + (i + 1)
                        + " of the view has no name; name it with AS");
            }
            String compared = selectListNames.size() == names.size() ? selectListNames.get(i) : column;
            if (!seen.add(compared.toLowerCase(Locale.ROOT))) {
                throw new SluiceException(SqlState.INVALID_OBJECT_DEFINITION, "column \"" + compared
                        + "\" appears twice in the view; rename one with AS");
            }
        }
        return typeFactory.createStructType(validated.getFieldList().stream().map(f -> f.getType()).toList(),
                names);
    }

    @Override
    public String toString() {
        return "ConfiguredView(" + name + ")";
    }
}
