# syntax=docker/dockerfile:1
# Multi-stage build: the JDK and Maven stay in the build stage; the runtime image holds a JRE and one jar.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Dependencies first, so that source edits do not re-download them.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -q -DskipTests package

# The runtime is Debian, not eclipse-temurin's Ubuntu: Ubuntu ships Chromium only as a snap, which does not run in a
# container, while Debian packages chromium and chromium-driver as ordinary .debs (the ones the tests run against).
FROM debian:bookworm-slim
# chromium and chromium-driver run the browser audit (docs/browser.md); fonts-liberation gives pages the metric-
# compatible Arial/Times/Courier so layout and LCP are measured on real glyphs. Without them the browser checks say
# "not run" and everything else works, so an image may drop them to save ~300 MB.
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless curl chromium chromium-driver fonts-liberation \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system vantage && useradd --system --gid vantage --home-dir /app --shell /usr/sbin/nologin vantage
WORKDIR /app
COPY --from=build /src/target/vantage.jar /app/vantage.jar
COPY config /app/config
# Inside a container the service must listen on every interface to be reachable through -p.
RUN sed 's/^  host: 127.0.0.1$/  host: 0.0.0.0/' /app/config/vantage.yaml > /app/config/vantage-container.yaml
RUN mkdir -p /app/data && chown -R vantage:vantage /app/data
USER vantage
EXPOSE 8080
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/vantage.jar"]
CMD ["serve", "--config", "/app/config/vantage-container.yaml"]
