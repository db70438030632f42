package io.sluice.gateway.planning;

import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Rows of a semi- or anti-join whose condition has more than key equalities, as TPC-H Q21's
 * {@code EXISTS (... l2.l_orderkey = l1.l_orderkey AND l2.l_suppkey <> l1.l_suppkey)}. Calcite
 * counts only the keys: nearly every order key of lineitem is in lineitem, so it expects the
 * NOT EXISTS to keep 1,817 of 3 million rows (it kept about 7%), and a join whose input looks
 * that small is not worth sending keys to. A key match keeps (or removes) a row only when the
 * rest of the condition holds too, which Calcite's guess for that rest prices. Other joins get
 * Calcite's estimate, computed as Calcite's own handler does.
 *
 * <p>Public only because Calcite compiles code that calls it.
 */
public final class ExistsJoinRows implements MetadataHandler<BuiltInMetadata.RowCount> {
    static final RelMetadataProvider SOURCE = ReflectiveRelMetadataProvider.reflectiveSource(new ExistsJoinRows(),
            BuiltInMetadata.RowCount.Handler.class);

    private ExistsJoinRows() {}

    @Override
    public MetadataDef<BuiltInMetadata.RowCount> getDef() {
        return BuiltInMetadata.RowCount.DEF;
    }

    public @Nullable Double getRowCount(Join join, RelMetadataQuery mq) {
        JoinRelType type = join.getJoinType();
        JoinInfo info = join.analyzeCondition();
        if ((type != JoinRelType.SEMI && type != JoinRelType.ANTI) || info.isEqui() || info.leftKeys.isEmpty()) {
            return calcites(join, mq);
        }
        Double keysMatch = mq.getSelectivity(join.getLeft(), RelMdUtil.makeSemiJoinSelectivityRexNode(mq, join));
        Double left = mq.getRowCount(join.getLeft());
        if (keysMatch == null || left == null) {
            return calcites(join, mq);
        }
        RexNode rest = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), info.nonEquiConditions);
        double matches = keysMatch * RelMdUtil.guessSelectivity(rest);
        return left * (type == JoinRelType.SEMI ? matches : 1 - matches);
    }

    /** What Calcite's own handler answers for a join; the first handler of a kind answers alone. */
    private static @Nullable Double calcites(Join join, RelMetadataQuery mq) {
        return RelMdUtil.getJoinRowCount(mq, join, join.getCondition());
    }
}
