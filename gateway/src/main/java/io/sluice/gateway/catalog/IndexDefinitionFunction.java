package io.sluice.gateway.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;

/**
 * {@code pg_get_indexdef(index, column, pretty)}: the {@code CREATE INDEX} statement of a primary-key
 * index for column 0, the name of its {@code column}-th key column otherwise (pgjdbc's
 * {@code getIndexInfo} reads COLUMN_NAME that way). The answer comes from the same snapshot
 * {@code pg_index} lists (see {@link SnapshotFunction}): an index the user cannot see has no
 * definition (NULL).
 */
public final class IndexDefinitionFunction {
    private IndexDefinitionFunction() {}

    static SnapshotFunction create() {
        return SnapshotFunction.of(IndexDefinitionFunction.class, "signature", "definition", Integer.class,
                Integer.class, Boolean.class);
    }

    /** Only declares the SQL parameters and result type; never called. */
    public static String signature(Integer index, Integer column, Boolean pretty) {
        throw new UnsupportedOperationException("pg_get_indexdef is evaluated by definition()");
    }

    /** Called by the generated code with the statement's context. */
    public static String definition(DataContext root, Integer index, Integer column, Boolean pretty) {
        if (index == null) {
            return null;
        }
        Optional<CatalogSnapshot.PrimaryKeyIndex> found = SnapshotFunction.snapshot(root)
                .flatMap(s -> s.primaryKeyIndexes().stream().filter(k -> k.oid() == index).findFirst());
        if (found.isEmpty()) {
            return null;
        }
        CatalogSnapshot.PrimaryKeyIndex key = found.get();
        List<String> columns = new ArrayList<>();
        for (short number : key.key()) {
            columns.add(key.table().attributes().stream().filter(a -> a.number() == number)
                    .map(CatalogSnapshot.Attribute::name).findFirst().orElse(null));
        }
        int position = column == null ? 0 : column;
        if (position > 0) {
            return position <= columns.size() ? columns.get(position - 1) : null;
        }
        if (columns.contains(null)) {
            return null; // a key column the user may not see: no definition rather than a partial one
        }
        return "CREATE UNIQUE INDEX " + key.name() + " ON " + key.table().namespace().name() + "."
                + key.table().name() + " USING btree (" + columns.stream().collect(Collectors.joining(", ")) + ")";
    }
}
