package io.sluice.gateway.catalog;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;

/**
 * {@code pg_get_indexdef(index, column, pretty)}: the {@code CREATE INDEX} statement of a primary-key
 * index for column 0, the name of its {@code column}-th key column otherwise (pgjdbc's
 * {@code getIndexInfo} reads COLUMN_NAME that way). Unlike the functions of {@link PgFunctions} it needs
 * the catalog as the asking user sees it, so the generated code passes the statement's
 * {@link DataContext} in, and the answer comes from the same snapshot {@code pg_index} lists:
 * an index the user cannot see has no definition (NULL).
 */
public final class IndexDefinitionFunction implements ScalarFunction, ImplementableFunction {
    private static final Method SIGNATURE = method("signature", Integer.class, Integer.class, Boolean.class);
    private static final Method EVALUATE = method("definition", DataContext.class, Integer.class, Integer.class,
            Boolean.class);

    private final ScalarFunction signature = ScalarFunctionImpl.create(SIGNATURE);

    /** Only declares the SQL parameters and result type; never called. */
    public static String signature(Integer index, Integer column, Boolean pretty) {
        throw new UnsupportedOperationException("pg_get_indexdef is evaluated by definition()");
    }

    /** Called by the generated code with the statement's context. */
    public static String definition(DataContext root, Integer index, Integer column, Boolean pretty) {
        if (index == null) {
            return null;
        }
        Optional<CatalogSnapshot.PrimaryKeyIndex> found = snapshot(root)
                .flatMap(s -> s.primaryKeyIndexes().stream().filter(k -> k.oid() == index).findFirst());
        if (found.isEmpty()) {
            return null;
        }
        CatalogSnapshot.PrimaryKeyIndex key = found.get();
        List<String> columns = new ArrayList<>();
        for (short number : key.key()) {
            columns.add(key.table().attributes().stream().filter(a -> a.number() == number)
                    .map(CatalogSnapshot.Attribute::name).findFirst().orElse(null));
        }
        int position = column == null ? 0 : column;
        if (position > 0) {
            return position <= columns.size() ? columns.get(position - 1) : null;
        }
        if (columns.contains(null)) {
            return null; // a key column the user may not see: no definition rather than a partial one
        }
        return "CREATE UNIQUE INDEX " + key.name() + " ON " + key.table().namespace().name() + "."
                + key.table().name() + " USING btree (" + columns.stream().collect(Collectors.joining(", ")) + ")";
    }

    /** The user's catalog, through {@code pg_index} (a {@link SystemTable}) at the root. */
    private static Optional<CatalogSnapshot> snapshot(DataContext root) {
        var schema = root.getRootSchema();
        Table table = schema == null ? null : schema.tables().get("pg_index");
        return table instanceof SystemTable system ? Optional.of(system.snapshot(root)) : Optional.empty();
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
        return signature.getReturnType(typeFactory);
    }

    @Override
    public List<FunctionParameter> getParameters() {
        return signature.getParameters();
    }

    @Override
    public CallImplementor getImplementor() {
        return RexImpTable.createImplementor((translator, call, operands) -> {
            List<Expression> arguments = new ArrayList<>();
            arguments.add(DataContext.ROOT);
            for (int i = 0; i < operands.size(); i++) {
                arguments.add(Expressions.convert_(operands.get(i), EVALUATE.getParameterTypes()[i + 1]));
            }
            return Expressions.call(EVALUATE, arguments);
        }, NullPolicy.NONE, false);
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            return IndexDefinitionFunction.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
