package dev.vantage.config;

/** A bearer token of the API; {@code secret} is resolved from the environment or a file and never logged. */
public record ApiToken(String name, String secret, Role role) {

    @Override
    public String toString() {
        return "ApiToken[name=" + name + ", role=" + role.id() + "]";
    }
}
