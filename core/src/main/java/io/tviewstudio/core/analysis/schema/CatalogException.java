package io.tviewstudio.core.analysis.schema;

/** Reading a live catalog failed (lost connection, missing privilege on the catalog). */
public final class CatalogException extends RuntimeException {

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
