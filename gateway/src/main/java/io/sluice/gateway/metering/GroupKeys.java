package io.sluice.gateway.metering;

import java.util.Arrays;
import java.util.Objects;

/**
 * The distinct group keys an aggregation's input has shown so far, kept as 64-bit hashes in an
 * open-addressing table: 8 to 16 bytes a group, against the hundred or more the aggregation's
 * own entry takes. Two keys with the same hash count once, so with millions of groups the count
 * may come out a few short; it is for memory accounting, not for answers.
 */
final class GroupKeys {
    private final int[] columns;
    private long[] table = new long[1024];
    private int size;
    private boolean zeroSeen;

    GroupKeys(int[] columns) {
        this.columns = columns.clone();
    }

    /** Whether the row's key is one not seen before; remembers it. */
    boolean isNew(Object row) {
        long hash = hash(row);
        if (hash == 0) {
            boolean fresh = !zeroSeen;
            zeroSeen = true;
            return fresh;
        }
        if (2 * (size + 1) > table.length) {
            grow();
        }
        return insert(table, hash);
    }

    private long hash(Object row) {
        long hash = 1;
        for (int column : columns) {
            Object value = row instanceof Object[] values ? values[column] : row;
            hash = (hash ^ Objects.hashCode(value)) * 0x9E3779B97F4A7C15L;
            hash ^= hash >>> 29;
        }
        return hash;
    }

    private boolean insert(long[] into, long hash) {
        int mask = into.length - 1;
        for (int slot = (int) (hash ^ (hash >>> 32)) & mask; ; slot = (slot + 1) & mask) {
            if (into[slot] == hash) {
                return false;
            }
            if (into[slot] == 0) {
                into[slot] = hash;
                if (into == table) {
                    size++;
                }
                return true;
            }
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        Arrays.stream(old).filter(h -> h != 0).forEach(h -> insert(table, h));
    }
}
