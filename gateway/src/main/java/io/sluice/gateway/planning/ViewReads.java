package io.sluice.gateway.planning;

import java.util.List;

/**
 * What a view reads from policy tables: all of it, and what reading each one of its columns needs
 * (the column's own sources plus whatever the view filters or joins on). Catalogs list a view, and
 * each of its columns, only to users who may read what it reads.
 *
 * @param all     the tables and columns a {@code SELECT *} of the view reads
 * @param columns per view column, in order, the tables and columns a {@code SELECT column} reads
 */
public record ViewReads(List<AccessSummary.TableRead> all, List<List<AccessSummary.TableRead>> columns) {
    public ViewReads {
        all = List.copyOf(all);
        columns = columns.stream().map(List::copyOf).toList();
    }
}
