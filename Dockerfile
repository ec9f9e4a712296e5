# ccpulse image: built from this repository, run with `java -jar /app/ccpulse.jar <command>`.
#   docker build -t ccpulse:local .
#   docker run --rm ccpulse:local --help
# The default command is `serve`; docker-compose.yml also runs `simulate` from the same image.

# ---- build -------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first: this layer is reused until pom.xml changes.
COPY pom.xml ./
RUN mvn -B -q -e dependency:go-offline
COPY src ./src
RUN mvn -B -q -e -DskipTests package \
    && test -s target/ccpulse.jar

# ---- runtime -----------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# curl is what the compose health check runs (GET /ready): fail the build if the base image
# ever stops shipping it.
RUN curl --version >/dev/null \
    && groupadd --system ccpulse \
    && useradd --system --gid ccpulse --home-dir /app --no-create-home --shell /usr/sbin/nologin ccpulse \
    && mkdir -p /app \
    && chown ccpulse:ccpulse /app
WORKDIR /app
COPY --from=build /build/target/ccpulse.jar /app/ccpulse.jar
USER ccpulse
# JVM: the heap follows the container's memory limit; metaspace, code cache and thread stacks are capped
# (with a 512 MB limit see BENCHMARKS.md: the live engine buffers every event of the allowed lateness, so
# the heap a sustained event rate needs grows with rate x lateness).
ENV CCPULSE_HTTP_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:MaxMetaspaceSize=128m -Xss512k -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/ccpulse.jar"]
CMD ["serve"]
