package dev.vantage.plan;

/** A run that cannot be planned for this target (e.g. a load run without a load block); the API answers 409. */
public final class RunRefusedException extends RuntimeException {

    public RunRefusedException(String message) {
        super(message);
    }
}
