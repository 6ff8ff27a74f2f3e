package dev.vantage.api;

import java.util.List;

/** A request the API refuses, with the HTTP status and the problems shown to the caller. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final List<String> problems;

    public ApiException(int status, List<String> problems) {
        super(status + ": " + String.join("; ", problems), null, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public ApiException(int status, String problem) {
        this(status, List.of(problem));
    }

    public int status() {
        return status;
    }

    public List<String> problems() {
        return problems;
    }
}
