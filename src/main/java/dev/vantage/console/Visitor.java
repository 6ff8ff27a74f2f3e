package dev.vantage.console;

/**
 * Who is looking at a page, as the templates need it: whether to offer sign-in or sign-out, whether to show the
 * editing forms and buttons, and the CSRF token every form of the session carries.
 *
 * @param signedIn a console session (not a bearer token, not the open read-only mode)
 * @param editor   the session may change targets
 * @param csrf     the session's CSRF token; empty without a session
 * @param canSignIn tokens are configured, so signing in means something
 */
public record Visitor(boolean signedIn, boolean editor, String csrf, boolean canSignIn) {
}
