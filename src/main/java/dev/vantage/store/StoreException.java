package dev.vantage.store;

/** A database operation failed; the message names the operation, never a value that could be a secret. */
public final class StoreException extends RuntimeException {

    public StoreException(String operation, Throwable cause) {
        super("database: " + operation + " failed" + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }
}
