package io.sluice.gateway.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code generate_series(start, stop)} over integers, as a table function (pgjdbc's metadata queries use it). */
public final class GenerateSeries {
    private GenerateSeries() {}

    public static ScannableTable generateSeries(Integer start, Integer stop) {
        return new Series(start, stop);
    }

    private static final class Series extends AbstractTable implements ScannableTable {
        private final Integer start;
        private final Integer stop;

        Series(Integer start, Integer stop) {
            this.start = start;
            this.stop = stop;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory typeFactory) {
            return typeFactory.builder().add("generate_series", SqlTypeName.INTEGER).build();
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            List<Object[]> rows = new ArrayList<>();
            if (start != null && stop != null) {
                for (int i = start; i <= stop; i++) {
                    rows.add(new Object[] {i});
                }
            }
            return Linq4j.asEnumerable(rows);
        }
    }
}
