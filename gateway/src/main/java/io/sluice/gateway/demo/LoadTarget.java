package io.sluice.gateway.demo;

import java.util.List;

/**
 * One database to fill with demo tables. {@link DataLoader} calls {@link #isLoaded} first; when that says
 * no, it calls {@link #prepare} once, {@link #loadPart} for every part of every table (in parallel),
 * {@link #finishTable} once per table after its parts, and {@link #finish} last. {@code finish} writes the
 * load marker, so a load that dies half way is redone on the next start.
 */
interface LoadTarget {

    /** Bumped whenever generated data or table shapes change, so existing data directories get reloaded. */
    int DATA_VERSION = 2;

    /** For logs and errors, e.g. {@code "PostgreSQL sales"}. */
    String name();

    List<TableSpec> tables();

    /** Whether the database holds a complete load for this scale factor and {@link #DATA_VERSION}. */
    boolean isLoaded(double scaleFactor) throws Exception;

    /** Drops and recreates the database, then creates empty tables. */
    void prepare() throws Exception;

    /** Loads one part of a table; returns the number of rows loaded. */
    long loadPart(TableSpec table, int part, int partCount) throws Exception;

    /** Adds keys and indexes once all parts are in, then refreshes statistics. */
    void finishTable(TableSpec table) throws Exception;

    /** Grants read access and records the load marker. */
    void finish(double scaleFactor, long loadMillis) throws Exception;
}
