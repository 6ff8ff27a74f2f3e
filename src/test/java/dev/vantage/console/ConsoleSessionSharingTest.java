package dev.vantage.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Console sessions live in the database: a sign-in on one service instance is honoured by a second instance on the
 * same database (a cluster behind a load balancer without sticky sessions), and by the service after a restart.
 */
class ConsoleSessionSharingTest {

    @TempDir
    Path dir;

    @Test
    void aSessionOpenedOnOneInstanceIsKnownToAnotherAndSurvivesARestart() throws Exception {
        String cookie;
        try (ConsoleBed first = new ConsoleBed(dir); ConsoleBed second = new ConsoleBed(dir)) {
            cookie = first.signIn(ConsoleBed.EDITOR);
            HttpResponse<String> page = second.get("/add-target", "Cookie", cookie);
            assertThat(page.statusCode()).as("the editor's form on the other instance").isEqualTo(200);
            assertThat(page.body()).contains("Sign out");
        }
        try (ConsoleBed restarted = new ConsoleBed(dir)) {
            HttpResponse<String> page = restarted.get("/add-target", "Cookie", cookie);
            assertThat(page.statusCode()).as("after a restart").isEqualTo(200);
            String csrf = ConsoleBed.csrf(page.body());
            HttpResponse<String> out = restarted.post("/logout", java.util.Map.of("csrf", csrf), "Cookie", cookie);
            assertThat(out.statusCode()).isEqualTo(303);
            assertThat(restarted.get("/add-target", "Cookie", cookie).statusCode()).as("signed out").isEqualTo(401);
        }
    }
}
