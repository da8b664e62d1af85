package io.tviewstudio.tools.bench;

import java.sql.Connection;
import java.sql.SQLException;

/** The server the benchmark creates its databases on: a connection to any database by name. */
public interface BenchServer {

    /** A new connection to the named database, with the rights to create and drop databases. */
    Connection connect(String database) throws SQLException;

    /** The database to connect to for CREATE and DROP DATABASE. */
    String maintenanceDatabase();

    /** Where the server is, for the report, e.g. {@code embedded PostgreSQL 17.6} or {@code 127.0.0.1:5432}. */
    String description();
}
