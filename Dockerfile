# LogFlow's one image: every role is a sub-command (logflow ingestor | parser | storage-writer | ...).
# Options are the built-in defaults, overridden by environment variables (KAFKA_BROKERS,
# ELASTICSEARCH_URL, ...) or by a file mounted into the container and named with --config.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
# Maven reads every module of the root pom.xml: the modules the distribution is built
# from whole, the others (tests and benchmarks) by their pom.xml alone.
COPY core core
COPY ingestor ingestor
COPY parser parser
COPY storage-writer storage-writer
COPY audit audit
COPY dlq dlq
COPY console console
COPY servers servers
COPY devstack devstack
COPY cli cli
COPY e2e/pom.xml e2e/pom.xml
COPY bench/pom.xml bench/pom.xml
RUN ./mvnw -q -B -DskipTests package -pl cli -am

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /opt/logflow logflow
WORKDIR /opt/logflow
COPY --from=build /src/cli/target/logflow-cli.jar ./logflow-cli.jar
COPY --from=build /src/cli/target/lib ./lib
COPY --from=build /src/cli/target/jvm ./jvm
COPY --from=build /src/cli/src/main/image/entrypoint ./entrypoint
USER logflow
# 8081 ingestor, 8082 parser metrics, 8083 storage-writer metrics
EXPOSE 8081 8082 8083
ENV MALLOC_ARENA_MAX=2
# java with the heap, collector and JIT memory measured for a stage, and the role's own options
# (cli/src/main/jvm/*.options, docs/benchmarks.md)
ENTRYPOINT ["/opt/logflow/entrypoint"]
CMD ["--help"]
