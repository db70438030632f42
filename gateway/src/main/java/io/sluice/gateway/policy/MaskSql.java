package io.sluice.gateway.policy;

import io.sluice.policies.decision.Mask;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Each named mask as a SQL expression over one column, and the column types it is defined for.
 * Masks a source can evaluate with standard SQL (none, constant, round, email_domain, expression
 * masks) are written in standard SQL and go down with the scan; masks whose result must not
 * depend on the source's string, regex or date functions (redact, show_last/first_4, hash,
 * regex_replace, date_year) call {@link MaskFunctions} and run in Sluice. The gateway casts every result back
 * to the column's own type, so a masked column keeps its type; a mask that cannot is refused.
 */
final class MaskSql {
    private static final Map<String, SqlNode> TEMPLATES = Map.of(
            "redact", PolicySql.parse("sluice_mask_redact(__col__)"),
            "show_last_4", PolicySql.parse("sluice_mask_show_last_4(__col__)"),
            "show_first_4", PolicySql.parse("sluice_mask_show_first_4(__col__)"),
            "hash", PolicySql.parse("sluice_mask_hash(__col__)"),
            "regex_replace", PolicySql.parse("sluice_mask_regex_replace(__col__, __arg1__, __arg2__)"),
            "date_year", PolicySql.parse("sluice_mask_year_of_date(__col__)"),
            "timestamp_year", PolicySql.parse("sluice_mask_year_of_timestamp(__col__)"),
            "email_domain", PolicySql.parse("CASE WHEN POSITION('@' IN __col__) > 0"
                    + " THEN '*****' || SUBSTRING(__col__ FROM POSITION('@' IN __col__)) ELSE '*****' END"),
            "round", PolicySql.parse("ROUND(__col__, __arg1__)"));

    private MaskSql() {}

    /**
     * The masked value of {@code column}, or empty for the {@code null} mask (a typed null the
     * caller builds).
     *
     * @throws PolicySql.BadExpression when the mask is not defined for the column's type
     */
    static Optional<SqlNode> of(Mask mask, SqlNode column, RelDataType type) {
        return switch (mask) {
            case Mask.None none -> Optional.of(column);
            case Mask.Null none -> {
                if (!type.isNullable()) {
                    throw new PolicySql.BadExpression("cannot be null: the column is NOT NULL; use constant or redact");
                }
                yield Optional.empty();
            }
            case Mask.Redact m -> text(m, column, type, Map.of());
            case Mask.ShowLast4 m -> text(m, column, type, Map.of());
            case Mask.ShowFirst4 m -> text(m, column, type, Map.of());
            case Mask.Hash m -> text(m, column, type, Map.of());
            case Mask.EmailDomain m -> text(m, column, type, Map.of());
            case Mask.RegexReplace m -> text(m, column, type,
                    Map.of("__arg1__", PolicySql.string(m.pattern()), "__arg2__", PolicySql.string(m.replacement())));
            case Mask.DateYear m -> {
                SqlTypeName name = type.getSqlTypeName();
                String template = switch (name) {
                    case DATE -> "date_year";
                    case TIMESTAMP -> "timestamp_year";
                    default -> throw new PolicySql.BadExpression("applies to DATE and TIMESTAMP columns, not " + name);
                };
                yield Optional.of(PolicySql.fill(TEMPLATES.get(template), Map.of("__col__", column)));
            }
            case Mask.Round m -> {
                if (!SqlTypeFamily.NUMERIC.contains(type)) {
                    throw new PolicySql.BadExpression("applies to numeric columns, not " + type.getSqlTypeName());
                }
                yield Optional.of(PolicySql.fill(TEMPLATES.get("round"), Map.of("__col__", column,
                        "__arg1__", SqlLiteral.createExactNumeric(Integer.toString(m.digits()), SqlParserPos.ZERO))));
            }
            case Mask.Constant m -> Optional.of(constant(m.value(), type));
            case Mask.Expression m -> Optional.of(PolicySql.parse(m.sql()));
        };
    }

    private static Optional<SqlNode> text(Mask mask, SqlNode column, RelDataType type, Map<String, SqlNode> args) {
        if (!SqlTypeFamily.CHARACTER.contains(type)) {
            throw new PolicySql.BadExpression("applies to text columns, not " + type.getSqlTypeName()
                    + "; use null, constant" + (SqlTypeFamily.NUMERIC.contains(type) ? " or round" : "")
                    + (SqlTypeFamily.DATETIME.contains(type) ? " or date_year" : ""));
        }
        Map<String, SqlNode> placeholders = new java.util.HashMap<>(args);
        placeholders.put("__col__", column);
        return Optional.of(PolicySql.fill(TEMPLATES.get(mask.name()), placeholders));
    }

    /** The constant as a literal of the column's family, checked here rather than failing at run time. */
    private static SqlNode constant(String value, RelDataType type) {
        try {
            if (SqlTypeFamily.CHARACTER.contains(type)) {
                return PolicySql.string(value);
            }
            if (SqlTypeFamily.NUMERIC.contains(type)) {
                return SqlLiteral.createExactNumeric(new BigDecimal(value).toPlainString(), SqlParserPos.ZERO);
            }
            if (type.getSqlTypeName() == SqlTypeName.DATE) {
                return SqlLiteral.createDate(org.apache.calcite.util.DateString.fromDaysSinceEpoch(
                        (int) LocalDate.parse(value).toEpochDay()), SqlParserPos.ZERO);
            }
            if (type.getSqlTypeName() == SqlTypeName.TIMESTAMP) {
                LocalDateTime t = LocalDateTime.parse(value.replace(' ', 'T'));
                return SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP,
                        new org.apache.calcite.util.TimestampString(t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                                t.getHour(), t.getMinute(), t.getSecond()), 0, SqlParserPos.ZERO);
            }
            if (type.getSqlTypeName() == SqlTypeName.BOOLEAN && (value.equals("true") || value.equals("false"))) {
                return SqlLiteral.createBoolean(Boolean.parseBoolean(value), SqlParserPos.ZERO);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new PolicySql.BadExpression("value '" + value + "' is not a valid " + type.getSqlTypeName());
        }
        throw new PolicySql.BadExpression("has no constant form for " + type.getSqlTypeName() + " columns");
    }
}
