package io.logflow.parser;

import io.logflow.core.metrics.StageMeters;
import io.micrometer.core.instrument.Counter;
import java.util.function.Function;

/** The parser's counters, under the seed's names; counted once a transaction commits. */
final class ParserMetrics {

    final Counter processed;
    final Counter failed;
    final Counter sent;
    final Counter abortedTransactions;
    /** Dead letters by a short reason (invalid_timestamp, wrong_type, not_json, ...). */
    final Function<String, Counter> deadLettered;

    ParserMetrics(StageMeters meters) {
        processed = meters.counter("parser.logs.processed", "raw logs consumed and handled");
        failed = meters.counter("parser.logs.failed", "raw logs that could not be parsed, sent to the dead-letter topic");
        sent = meters.counter("parser.logs.sent", "parsed logs published");
        abortedTransactions = meters.counter("parser.transactions.aborted",
                "batches aborted and re-processed after a Kafka error");
        deadLettered = meters.countersByReason("parser.dead.letters", "raw logs dead-lettered, by reason");
    }
}
