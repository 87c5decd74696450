package io.logflow.cli;

import io.logflow.audit.AuditReport;
import io.logflow.audit.PipelineAudit;
import io.logflow.core.json.Json;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code logflow audit}: did every accepted log end exactly once? Exit 0 if so, 1 if not. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Reconcile the raw logs Kafka accepted with the documents in Elasticsearch and the dead letters.",
                "Reports counts, missing ids and ids that ended twice; exits 1 unless balanced."})
final class AuditCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--since", paramLabel = "INSTANT", description = "only raw logs accepted at or after this time (e.g. 2026-11-27T08:00:00Z)")
    Instant since;

    @Option(names = "--until", paramLabel = "INSTANT", description = "only raw logs accepted before this time")
    Instant until;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        AuditReport report = new PipelineAudit(config.load(), message -> System.err.println("audit: " + message))
                .run(since, until);
        System.out.println(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report)
                : report.summary());
        return report.balanced() ? 0 : 1;
    }
}
