package io.logflow.parser;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The parser's counters, under the seed's names; counted once a transaction commits. */
final class ParserMetrics {

    final Counter processed;
    final Counter failed;
    final Counter sent;
    final Counter abortedTransactions;
    final MeterRegistry registry;

    /** Dead letters by a short reason (invalid_timestamp, wrong_type, not_json, ...). */
    Counter deadLettered(String reason) {
        return Counter.builder("parser.dead.letters").tag("reason", reason)
                .description("raw logs dead-lettered, by reason").register(registry);
    }

    ParserMetrics(MeterRegistry registry) {
        this.registry = registry;
        processed = Counter.builder("parser.logs.processed")
                .description("raw logs consumed and handled").register(registry);
        failed = Counter.builder("parser.logs.failed")
                .description("raw logs that could not be parsed, sent to the dead-letter topic").register(registry);
        sent = Counter.builder("parser.logs.sent")
                .description("parsed logs published").register(registry);
        abortedTransactions = Counter.builder("parser.transactions.aborted")
                .description("batches aborted and re-processed after a Kafka error").register(registry);
    }
}
