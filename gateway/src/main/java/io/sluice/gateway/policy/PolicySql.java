package io.sluice.gateway.policy;

import io.sluice.gateway.session.SessionContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * SQL expressions that come from a policy (row filters, expression masks) and from Sluice's mask
 * templates, parsed into trees and bound to the session without ever splicing strings:
 * {@code current_user}, {@code user_attribute('key')} and {@code user_in_group('g')} become
 * literals (an attribute the user lacks becomes NULL, so a filter on it admits no rows), and
 * template placeholders ({@code __col__}, {@code __arg1__}, ...) are replaced by the column and
 * parameter nodes. Literals push down to the source like any other predicate.
 */
final class PolicySql {
    private static final SqlParserPos POS = SqlParserPos.ZERO;

    private PolicySql() {}

    /** Thrown for a policy expression that cannot be used; the message names what and why. */
    static final class BadExpression extends RuntimeException {
        BadExpression(String message) {
            super(message);
        }
    }

    static SqlNode parse(String expression) {
        SqlParser.Config config = SqlParser.config()
                .withParserFactory(SqlBabelParserImpl.FACTORY)
                .withConformance(SqlConformanceEnum.BABEL)
                .withQuoting(Quoting.DOUBLE_QUOTE)
                .withUnquotedCasing(Casing.TO_LOWER)
                .withQuotedCasing(Casing.UNCHANGED)
                .withCaseSensitive(false);
        SqlNode node;
        try {
            node = SqlParser.create(expression, config).parseExpression();
        } catch (SqlParseException e) {
            throw new BadExpression("is not a SQL expression: " + e.getMessage().lines().findFirst().orElse(""));
        }
        node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                if (call.getKind() == SqlKind.SELECT || call.getKind().belongsTo(SqlKind.QUERY)
                        || call.getKind() == SqlKind.SCALAR_QUERY) {
                    throw new BadExpression("may not contain a sub-query (it would read tables outside the policy)");
                }
                return super.visit(call);
            }
        });
        return node;
    }

    /** Replaces the session functions with the session's values. */
    static SqlNode bindSession(SqlNode expression, SessionContext session) {
        return expression.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlCall call) {
                if (call.getOperator() == SqlStdOperatorTable.CURRENT_USER
                        || call.getOperator() == SqlStdOperatorTable.SESSION_USER
                        || call.getOperator() == SqlStdOperatorTable.USER) {
                    return SqlLiteral.createCharString(session.user(), POS);
                }
                String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "user_attribute" -> {
                        String key = literalArgument(call, name);
                        return session.attribute(key)
                                .<SqlNode>map(v -> SqlLiteral.createCharString(v, POS))
                                .orElseGet(() -> SqlStdOperatorTable.CAST.createCall(POS,
                                        SqlLiteral.createNull(POS), varcharSpec()));
                    }
                    case "user_in_group" -> {
                        return SqlLiteral.createBoolean(session.inGroup(literalArgument(call, name)), POS);
                    }
                    default -> {
                        return super.visit(call);
                    }
                }
            }

            @Override
            public SqlNode visit(SqlIdentifier id) {
                // Babel parses a bare current_user as an identifier in some positions.
                if (id.isSimple() && id.getSimple().equalsIgnoreCase("current_user")) {
                    return SqlLiteral.createCharString(session.user(), POS);
                }
                return id;
            }
        });
    }

    /** Replaces {@code __col__} and {@code __argN__} identifiers in a template. */
    static SqlNode fill(SqlNode template, Map<String, SqlNode> placeholders) {
        return template.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                if (id.isSimple()) {
                    SqlNode replacement = placeholders.get(id.getSimple().toLowerCase(Locale.ROOT));
                    if (replacement != null) {
                        return replacement;
                    }
                }
                return id;
            }
        });
    }

    static SqlIdentifier column(String tableAlias, String column) {
        return new SqlIdentifier(List.of(tableAlias, column), POS);
    }

    static SqlLiteral string(String value) {
        return SqlLiteral.createCharString(value, POS);
    }

    private static String literalArgument(SqlCall call, String function) {
        if (call.operandCount() != 1 || !(call.operand(0) instanceof SqlCharStringLiteral literal)) {
            throw new BadExpression(function + "() takes one string literal, got " + call);
        }
        return literal.getValueAs(String.class);
    }

    private static SqlNode varcharSpec() {
        return new org.apache.calcite.sql.SqlDataTypeSpec(
                new org.apache.calcite.sql.SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, POS), POS);
    }

}
