package dev.vantage.check.exposure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SensitiveContentTest {

    private static boolean matches(String id, String body) {
        return SensitiveContent.detector(id).orElseThrow().matches().test(body.replace("\\n", "\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "git-config | [core]\\n\\trepositoryformatversion = 0\\n\\tfilemode = true\\n[remote \"origin\"]\\n",
            "git-head | ref: refs/heads/main\\n",
            "git-head | 3f786850e387550fdab836ed7e6dc881de23001b",
            "env | APP_ENV=production\\nDB_PASSWORD=hunter2\\n# comment\\nexport REDIS_URL=redis://cache:6379\\n",
            "dump-sql | -- MySQL dump 10.13  Distrib 8.0.32\\nCREATE TABLE `users` (\\n",
            "wp-config-backup | <?php\\ndefine( 'DB_PASSWORD', 'x' );",
            "actuator-env | {\"activeProfiles\":[\"prod\"],\"propertySources\":[]}",
            "actuator | {\"_links\":{\"self\":{\"href\":\"http://h/actuator\"}}}",
            "phpinfo | <html><head><title>PHP 8.2.7 - phpinfo()</title></head>",
            "server-status | <html><title>Apache Status</title><h1>Apache Server Status for example.com</h1>",
            "pprof | <html><p>Types of profiles available:</p>",
            "directory-listing | <html><head><title>Index of /uploads</title></head>",
            "svn-wc-db | SQLite format 3\u0000"})
    void recordedExposuresMatch(String id, String body) {
        assertThat(matches(id.strip(), body.strip())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // An SPA shell served for every path (soft 404)
            "git-config | <!doctype html><html><body><div id=app></div></body></html>",
            // A tutorial page quoting a git config
            "git-config | <html><pre>\\n[core]\\n  repositoryformatversion = 0\\n</pre></html>",
            "git-head | <html>ref: refs/heads/main</html>",
            "env | <!DOCTYPE html><html><body>APP_ENV=production\\nDEBUG=false</body></html>",
            "env | Set API_KEY=... in your environment before running.",
            "env | just one line\\nFOO=bar\\nand lots\\nof prose\\nhere",
            "dump-sql | <html><p>Use INSERT INTO to add rows</p></html>",
            "actuator-env | {\"status\":\"UP\"}",
            "phpinfo | <html><title>About PHP</title><p>We use PHP Version 8 here</p>",
            "directory-listing | <html><h2>Uploads</h2><a href=/uploads/a.png>a.png</a>",
            "backup-zip | <html>PK</html>"})
    void nearMissesDoNotMatch(String id, String body) {
        assertThat(matches(id.strip(), body.strip())).isFalse();
    }
}
