package io.sluice.connectors.files;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB runs inside this process: every {@code DriverManager} connection would open a separate
 * database, so this data source opens one and hands out {@code duplicate()}s of it, which share
 * its catalog (the views over a files directory) and its buffer pool. Duplicates are cheap, so
 * there is nothing to pool.
 */
public final class DuckDbDataSource implements DataSource, AutoCloseable {
    private final DuckDBConnection root;

    private DuckDbDataSource(DuckDBConnection root) {
        this.root = requireNonNull(root, "root is null");
    }

    /** Opens {@code jdbc:duckdb:} (in memory) or a DuckDB database file. */
    public static DuckDbDataSource open(String url, boolean readOnly) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        if (readOnly && !url.equals("jdbc:duckdb:")) {
            properties.setProperty("duckdb.read_only", "true");
        }
        return new DuckDbDataSource((DuckDBConnection) DriverManager.getConnection(url, properties));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return root.duplicate();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public void close() throws SQLException {
        root.close();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DuckDB does not log through JDBC.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // In-process: there is nothing to wait for.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
