package dev.vantage.cli;

/** Exit codes of the {@code vantage} command, documented in README.md and docs/cli.md. */
public final class ExitCode {

    /** The check ran and the grade met the bar (or no bar was set). */
    public static final int OK = 0;
    /** The grade is below {@code --fail-under}. */
    public static final int BELOW_BAR = 1;
    /** Bad command line: unknown option, malformed URL, unreadable file. */
    public static final int USAGE = 2;
    /** The target could not be reached at all (DNS, refused, timeout, TLS handshake failure). */
    public static final int UNREACHABLE = 3;
    /** A bug or an environment problem inside Vantage; details are logged. */
    public static final int INTERNAL = 4;

    private ExitCode() {
    }
}
