package io.logflow.cli;

import io.logflow.core.json.Json;
import io.logflow.dlq.DeadLetterFilter;
import io.logflow.dlq.DeadLetterRecord;
import io.logflow.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code logflow dlq ls|show|replay|archive}: the dead letters of both dead-letter topics. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Inspect, replay and archive dead letters (raw_logs_dlq, parsed_logs_dlq).",
        subcommands = {DlqCommand.Ls.class, DlqCommand.Show.class, DlqCommand.Replay.class, DlqCommand.Archive.class})
final class DlqCommand {

    private static void progress(String message) {
        System.err.println("dlq: " + message);
    }

    /** The options that choose dead letters. */
    static final class Selection {
        @Option(names = "--topic", description = "only this dead-letter topic (default: both)")
        String topic;
        @Option(names = "--reason", paramLabel = "REGEX", description = "reasons matching this regular expression")
        Pattern reason;
        @Option(names = "--since", paramLabel = "INSTANT", description = "dead-lettered at or after, e.g. 2026-11-27T08:00:00Z")
        Instant since;
        @Option(names = "--until", paramLabel = "INSTANT", description = "dead-lettered before")
        Instant until;
        @Option(names = "--partition", description = "of this partition of the dead-letter topic")
        Integer partition;
        @Option(names = "--from-offset", description = "at or after this offset")
        Long fromOffset;
        @Option(names = "--to-offset", description = "at or before this offset")
        Long toOffset;
        @Option(names = "--correlation-id", description = "of this request")
        String correlationId;

        DeadLetterFilter filter(boolean pendingOnly) {
            return new DeadLetterFilter(reason, since, until, partition, fromOffset, toOffset, correlationId, pendingOnly);
        }

        /** The selected dead letters, or an error when there are none: acting on nothing is a mistake. */
        List<DeadLetterRecord> selectSome(DeadLetters deadLetters, boolean pendingOnly) {
            List<DeadLetterRecord> selected = deadLetters.select(topic, filter(pendingOnly));
            if (selected.isEmpty()) {
                throw new IllegalArgumentException("no " + (pendingOnly ? "pending " : "")
                        + "dead letter matches the filter; 'logflow dlq ls' shows what there is");
            }
            return selected;
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = "For each dead-letter topic: counts by stage and reason, oldest and newest, how many pending.")
    static final class Ls implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            try (DeadLetters deadLetters = new DeadLetters(config.load(), DlqCommand::progress)) {
                deadLetters.list().forEach(summary -> System.out.print(lines(summary)));
            }
            return 0;
        }

        /** A topic's line, then one line per kind of pending dead letter. */
        static String lines(DeadLetters.TopicSummary summary) {
            StringBuilder lines = new StringBuilder(String.format("%s: %d dead letters, %d pending%s%n", summary.topic(),
                    summary.total(), summary.pending(), summary.total() == 0 ? ""
                            : " (oldest " + summary.oldest() + ", newest " + summary.newest() + ")"));
            summary.pendingByStageAndReason().forEach((reason, count) ->
                    lines.append(String.format("  %6d  %s%n", count, reason)));
            return lines.toString();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show dead letters with their headers.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Mixin
        Selection selection;
        @Option(names = "--json", description = "one JSON object per dead letter, for scripts")
        boolean json;
        @Option(names = "--pending", description = "only those neither replayed nor archived")
        boolean pending;

        @Override
        public Integer call() throws Exception {
            try (DeadLetters deadLetters = new DeadLetters(config.load(), DlqCommand::progress)) {
                Map<String, String> states = deadLetters.states();
                List<DeadLetterRecord> selected = deadLetters.select(selection.topic, selection.filter(pending), states);
                for (DeadLetterRecord deadLetter : selected) {
                    if (json) {
                        var line = DeadLetters.archiveLineOf(deadLetter);
                        line.put("state", states.getOrDefault(deadLetter.key(), "pending"));
                        System.out.println(Json.mapper().writeValueAsString(line));
                    } else {
                        System.out.printf("%s  %s  [%s]%n  reason: %s%n  correlation id: %s%n  headers: %s%n  value: %s%n%n",
                                deadLetter.key(), deadLetter.timestamp(), states.getOrDefault(deadLetter.key(), "pending"),
                                deadLetter.reason(), deadLetter.correlationId(), deadLetter.headers(),
                                deadLetter.record().value() == null ? "(none)"
                                        : new String(deadLetter.record().value(), StandardCharsets.UTF_8));
                    }
                }
                if (selected.isEmpty()) {
                    progress("no dead letter matches the filter");
                }
            }
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Send the selected pending dead letters back to the topic they came from, and mark them replayed.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Mixin
        Selection selection;
        @Option(names = "--dry-run", description = "say what would be replayed, send nothing")
        boolean dryRun;
        @Option(names = "--rate", defaultValue = "500", description = "at most this many a second (default: ${DEFAULT-VALUE})")
        double rate;
        @Option(names = "--again", description = "also those already replayed or archived")
        boolean again;

        @Override
        public Integer call() throws Exception {
            try (DeadLetters deadLetters = new DeadLetters(config.load(), DlqCommand::progress)) {
                List<DeadLetterRecord> selected = selection.selectSome(deadLetters, !again);
                DeadLetters.ReplaySummary summary = deadLetters.replay(selected, rate, dryRun);
                System.out.printf("%s %d dead letters%s%n", dryRun ? "would replay" : "replayed",
                        dryRun ? selected.size() : summary.replayed(),
                        summary.skipped() > 0 ? ", skipped " + summary.skipped() + " without an original topic" : "");
            }
            return 0;
        }
    }

    @Command(name = "archive", mixinStandardHelpOptions = true,
            description = "Write the selected pending dead letters, with their headers, to a gzip NDJSON file and mark them archived.")
    static final class Archive implements Callable<Integer> {
        @Mixin
        ConfigOption config;
        @Mixin
        Selection selection;
        @Option(names = "--file", required = true, description = "where to write, e.g. dead-letters.ndjson.gz")
        Path file;

        @Override
        public Integer call() throws Exception {
            try (DeadLetters deadLetters = new DeadLetters(config.load(), DlqCommand::progress)) {
                int archived = deadLetters.archive(selection.selectSome(deadLetters, true), file);
                System.out.printf("archived %d dead letters to %s%n", archived, file);
            }
            return 0;
        }
    }
}
