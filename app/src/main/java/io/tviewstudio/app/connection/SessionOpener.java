package io.tviewstudio.app.connection;

import io.tviewstudio.core.connect.ConnectionFailure;
import io.tviewstudio.core.connect.ConnectionSpec;

/** Logs in to a database; {@link DatabaseSession#open} with the process environment in the application. */
@FunctionalInterface
public interface SessionOpener {

    DatabaseSession open(ConnectionSpec spec, String label) throws ConnectionFailure;
}
