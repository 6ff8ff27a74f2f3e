package dev.vantage.check.exposure;

import dev.vantage.check.Check;

import java.util.List;

/** The exposure checks (leaks, error handling, TRACE, security.txt, health), in report order. */
public final class ExposureChecks {

    private ExposureChecks() {
    }

    public static List<Check> all() {
        return List.of(new SensitiveFilesCheck(), new SecretsCheck(), new NotFoundCheck(),
                new MalformedRequestCheck(), new ErrorDisclosureCheck(), new TraceCheck(), new SecurityTxtCheck(),
                new HealthEndpointCheck());
    }
}
