package io.sluice.gateway.planning;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/** A condition {@code a = b} (or {@code IS NOT DISTINCT FROM}) between two columns, casts aside. */
record ColumnEquality(int lower, int higher) {
    static Optional<ColumnEquality> of(RexNode condition) {
        if (condition.getKind() != SqlKind.EQUALS && condition.getKind() != SqlKind.IS_NOT_DISTINCT_FROM) {
            return Optional.empty();
        }
        List<RexNode> operands = ((RexCall) condition).getOperands();
        if (RexUtil.removeCast(operands.get(0)) instanceof RexInputRef a
                && RexUtil.removeCast(operands.get(1)) instanceof RexInputRef b) {
            return Optional.of(new ColumnEquality(Math.min(a.getIndex(), b.getIndex()),
                    Math.max(a.getIndex(), b.getIndex())));
        }
        return Optional.empty();
    }
}
