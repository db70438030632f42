package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/** One column of a statement's answer, typed the way the client will be told. */
public record ResultColumn(String name, SqlTypeName type, int precision, int scale, boolean nullable,
        Optional<SqlTypeName> elementType) {

    public ResultColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(elementType, "elementType is null");
    }

    static ResultColumn of(String name, RelDataType type) {
        Optional<SqlTypeName> element = Optional.ofNullable(type.getComponentType()).map(RelDataType::getSqlTypeName);
        return new ResultColumn(name, type.getSqlTypeName(), type.getPrecision(), type.getScale(), type.isNullable(),
                element);
    }
}
