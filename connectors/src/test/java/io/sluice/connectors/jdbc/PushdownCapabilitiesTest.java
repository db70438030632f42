package io.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connectors.config.SourceType;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PushdownCapabilitiesTest {
    private final JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl();
    private final RexBuilder rex = new RexBuilder(typeFactory);
    private final RelDataType varchar = typeFactory.createTypeWithNullability(
            typeFactory.createSqlType(SqlTypeName.VARCHAR, 100), true);
    private final RelDataType integer = typeFactory.createSqlType(SqlTypeName.INTEGER);
    private final RexNode name = rex.makeInputRef(varchar, 0);
    private final RexNode id = rex.makeInputRef(integer, 1);

    private RexNode ilike() {
        return rex.makeCall(SqlLibraryOperators.ILIKE, name, rex.makeLiteral("%x%"));
    }

    private RexNode mysqlOnlyFunction() {
        return rex.makeCall(SqlLibraryOperators.STRCMP, name, rex.makeLiteral("x"));
    }

    @Test
    void ilikeIsEvaluableByPostgresqlAndDuckDbSources() {
        assertThat(PushdownCapabilities.of(SourceType.POSTGRESQL).canEvaluate(ilike())).isTrue();
        assertThat(PushdownCapabilities.of(SourceType.DUCKDB).canEvaluate(ilike())).isTrue();
        assertThat(PushdownCapabilities.of(SourceType.FILES).canEvaluate(ilike())).isTrue();
    }

    @Test
    void ilikeIsNotEvaluableByMysqlOrSqlite() {
        assertThat(PushdownCapabilities.of(SourceType.MYSQL).canEvaluate(ilike())).isFalse();
        assertThat(PushdownCapabilities.of(SourceType.SQLITE).canEvaluate(ilike())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void standardOperatorsAreEvaluableEverywhere(SourceType type) {
        PushdownCapabilities capabilities = PushdownCapabilities.of(type);
        RexNode equals = rex.makeCall(SqlStdOperatorTable.EQUALS, id, rex.makeExactLiteral(java.math.BigDecimal.ONE));
        RexNode like = rex.makeCall(SqlStdOperatorTable.LIKE, name, rex.makeLiteral("a%"));
        RexNode upper = rex.makeCall(SqlStdOperatorTable.UPPER, name);

        assertThat(capabilities.canEvaluate(equals)).isTrue();
        assertThat(capabilities.canEvaluate(like)).isTrue();
        assertThat(capabilities.canEvaluate(upper)).isTrue();
        assertThat(capabilities.canEvaluate(List.of(equals, like, upper))).isTrue();
    }

    @Test
    void mysqlLibraryFunctionIsEvaluableOnlyByMysql() {
        assertThat(PushdownCapabilities.of(SourceType.MYSQL).canEvaluate(mysqlOnlyFunction())).isTrue();
        for (SourceType type : List.of(SourceType.POSTGRESQL, SourceType.SQLITE, SourceType.DUCKDB, SourceType.FILES)) {
            assertThat(PushdownCapabilities.of(type).canEvaluate(mysqlOnlyFunction())).as(type.name()).isFalse();
        }
    }

    @Test
    void unsupportedOperatorNestedInsideStandardOnesMakesTheWholeExpressionUnevaluable() {
        RexNode nested = rex.makeCall(SqlStdOperatorTable.AND,
                rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL, id),
                rex.makeCall(SqlStdOperatorTable.NOT, ilike()));

        assertThat(PushdownCapabilities.of(SourceType.MYSQL).canEvaluate(nested)).isFalse();
        assertThat(PushdownCapabilities.of(SourceType.POSTGRESQL).canEvaluate(nested)).isTrue();
    }

    @Test
    void listIsEvaluableOnlyWhenEveryExpressionIs() {
        RexNode upper = rex.makeCall(SqlStdOperatorTable.UPPER, name);
        PushdownCapabilities sqlite = PushdownCapabilities.of(SourceType.SQLITE);

        assertThat(sqlite.canEvaluate(List.of(upper, ilike()))).isFalse();
        assertThat(sqlite.canEvaluate(List.of(ilike(), upper))).isFalse();
        assertThat(sqlite.canEvaluate(List.of(upper))).isTrue();
        assertThat(sqlite.canEvaluate(List.of())).isTrue();
    }

    @Test
    void inputReferencesAndLiteralsAreAlwaysEvaluable() {
        assertThat(PushdownCapabilities.of(SourceType.SQLITE).canEvaluate(name)).isTrue();
        assertThat(PushdownCapabilities.of(SourceType.MYSQL).canEvaluate(rex.makeLiteral(true))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void userDefinedFunctionsAreNeverPushedDown(SourceType type) {
        SqlFunction udf = new SqlFunction("MASK", SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0, null,
                OperandTypes.STRING, SqlFunctionCategory.USER_DEFINED_FUNCTION);
        RexNode call = rex.makeCall(udf, name);

        assertThat(PushdownCapabilities.of(type).canEvaluate(call)).isFalse();
        assertThat(PushdownCapabilities.of(type).canEvaluate(rex.makeCall(SqlStdOperatorTable.UPPER, call))).isFalse();
    }
}
