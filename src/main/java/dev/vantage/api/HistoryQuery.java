package dev.vantage.api;

import dev.vantage.target.Durations;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** {@code ?since=&limit=} of the history endpoint: since is an ISO-8601 instant or an age like 24h. */
record HistoryQuery(Instant since, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    static HistoryQuery parse(String since, String limit) {
        List<String> problems = new ArrayList<>();
        Instant from = Instant.EPOCH;
        if (since != null && !since.isBlank()) {
            var age = Durations.tryParse(since);
            if (age.isPresent()) {
                from = Instant.now().minus(age.get());
            } else {
                try {
                    from = Instant.parse(since);
                } catch (DateTimeParseException e) {
                    problems.add("since: \"" + since + "\" is neither an ISO-8601 time (2026-01-31T12:00:00Z) nor an "
                            + "age like 24h or 7d");
                }
            }
        }
        int n = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                problems.add("limit: \"" + limit + "\" is not a whole number from 1 to " + MAX_LIMIT);
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(400, problems);
        }
        return new HistoryQuery(from, n);
    }
}
