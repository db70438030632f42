package io.sluice.gateway.catalog;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A Java method as a SQL function; a method returning {@code List<String>} is typed
 * {@code VARCHAR ARRAY} (Calcite would not know the element type), so that
 * {@code (current_schemas(true))[1]} works.
 */
final class ArrayResultFunction implements ScalarFunction, ImplementableFunction {
    private final ScalarFunction delegate;

    private ArrayResultFunction(ScalarFunction delegate) {
        this.delegate = delegate;
    }

    static ScalarFunction wrap(Method method) {
        ScalarFunction function = ScalarFunctionImpl.create(method);
        return List.class.isAssignableFrom(method.getReturnType()) ? new ArrayResultFunction(function) : function;
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
        RelDataType element = typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.VARCHAR),
                true);
        return typeFactory.createTypeWithNullability(typeFactory.createArrayType(element, -1), true);
    }

    @Override
    public List<FunctionParameter> getParameters() {
        return delegate.getParameters();
    }

    @Override
    public CallImplementor getImplementor() {
        return ((ImplementableFunction) delegate).getImplementor();
    }
}
