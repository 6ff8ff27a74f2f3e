package dev.vantage.dataset;

/** A dataset file that cannot be used; the message names the file and the field that is wrong. */
public final class DatasetException extends IllegalArgumentException {

    public DatasetException(String source, String field, String problem) {
        super(source + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
    }
}
