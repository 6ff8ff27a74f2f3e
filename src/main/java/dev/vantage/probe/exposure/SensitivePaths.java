package dev.vantage.probe.exposure;

import java.util.List;

/**
 * The fixed, documented list of sensitive paths probed on every run (docs/exposure.md lists the same). Fixed on
 * purpose: the number of requests a run sends must be known in advance, and a finding must be reproducible.
 */
public final class SensitivePaths {

    /** In request order. */
    public static final List<SensitivePath> ALL = List.of(
            new SensitivePath("git-config", "/.git/config", "Git repository configuration (remotes, sometimes "
                    + "credentials); the whole source history is usually downloadable next to it"),
            new SensitivePath("git-head", "/.git/HEAD", "Git metadata: the repository can be reconstructed"),
            new SensitivePath("svn-wc-db", "/.svn/wc.db", "Subversion working-copy database (file list, history)"),
            new SensitivePath("env", "/.env", "environment file with configuration and usually secrets"),
            new SensitivePath("ds-store", "/.DS_Store", "macOS folder index listing file names"),
            new SensitivePath("backup-zip", "/backup.zip", "site backup archive"),
            new SensitivePath("dump-sql", "/dump.sql", "database dump"),
            new SensitivePath("backup-sql", "/backup.sql", "database dump"),
            new SensitivePath("wp-config-backup", "/wp-config.php.bak", "WordPress configuration backup with "
                    + "database credentials, served as text"),
            new SensitivePath("server-status", "/server-status", "Apache mod_status: clients, URLs being served"),
            new SensitivePath("actuator", "/actuator", "Spring Boot actuator index"),
            new SensitivePath("actuator-env", "/actuator/env", "Spring Boot environment: properties, profiles"),
            new SensitivePath("phpinfo", "/phpinfo.php", "phpinfo(): configuration, paths, environment"),
            new SensitivePath("pprof", "/debug/pprof/", "Go pprof profiling endpoints"),
            new SensitivePath("elmah", "/elmah.axd", "ASP.NET ELMAH error log with request details"),
            new SensitivePath("directory-listing", "/uploads/", "directory listing of uploaded files"));

    private SensitivePaths() {
    }
}
