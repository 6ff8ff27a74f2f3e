package dev.vantage.schedule;

/** A run was asked for a target that does not exist (any more). */
public final class NoSuchTargetException extends RuntimeException {

    public NoSuchTargetException(String name) {
        super("no target named \"" + name + "\"", null, false, false);
    }
}
