package io.sluice.gateway.catalog;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * A catalog function that answers from the catalog as the asking user sees it
 * ({@code pg_get_indexdef}, {@code pg_get_viewdef}). Unlike the functions of {@link PgFunctions} it
 * needs the statement's {@link DataContext}, so the generated code passes it in as the first
 * argument of the evaluating method; a second method with the SQL parameters only declares them
 * and the result type.
 */
final class SnapshotFunction implements ScalarFunction, ImplementableFunction {
    private final ScalarFunction signature;
    private final Method evaluate;

    private SnapshotFunction(Method signature, Method evaluate) {
        this.signature = ScalarFunctionImpl.create(requireNonNull(signature, "signature is null"));
        this.evaluate = requireNonNull(evaluate, "evaluate is null");
    }

    /**
     * @param signature the public static method declaring the SQL parameters (never called)
     * @param evaluate  the public static method of the same parameters after a {@link DataContext}
     */
    static SnapshotFunction of(Class<?> owner, String signature, String evaluate, Class<?>... parameters) {
        Class<?>[] withContext = new Class<?>[parameters.length + 1];
        withContext[0] = DataContext.class;
        System.arraycopy(parameters, 0, withContext, 1, parameters.length);
        try {
            return new SnapshotFunction(owner.getMethod(signature, parameters), owner.getMethod(evaluate, withContext));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user's catalog, through {@code pg_class} (a {@link SystemTable}) at the root. */
    static Optional<CatalogSnapshot> snapshot(DataContext root) {
        var schema = root.getRootSchema();
        Table table = schema == null ? null : schema.tables().get("pg_class");
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
                arguments.add(Expressions.convert_(operands.get(i), evaluate.getParameterTypes()[i + 1]));
            }
            return Expressions.call(evaluate, arguments);
        }, NullPolicy.NONE, false);
    }
}
