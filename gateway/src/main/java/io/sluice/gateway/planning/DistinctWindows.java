package io.sluice.gateway.planning;

import io.sluice.gateway.error.SluiceException;
import io.sluice.gateway.error.SqlState;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;

/**
 * Refuses a window aggregate over DISTINCT values ({@code count(distinct x) over (...)}), as
 * PostgreSQL does. Calcite accepts it, but its in-memory window operator ignores the DISTINCT
 * (it counts every row), and PostgreSQL and MariaDB reject it when pushed, so no plan would
 * answer it correctly.
 */
final class DistinctWindows {
    private DistinctWindows() {}

    static void reject(RelNode plan) {
        RexShuttle check = new RexShuttle() {
            @Override
            public RexNode visitOver(RexOver over) {
                if (over.isDistinct()) {
                    throw new SluiceException(SqlState.FEATURE_NOT_SUPPORTED,
                            "DISTINCT is not implemented for window functions");
                }
                return super.visitOver(over);
            }
        };
        plan.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                other.accept(check);
                return super.visit(other);
            }
        });
    }
}
