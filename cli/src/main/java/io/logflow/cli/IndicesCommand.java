package io.logflow.cli;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.log.LogStorage;
import io.logflow.storagewriter.IndexRetention;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code logflow indices prune --older-than 7d}: retention on demand. */
@Command(name = "indices", mixinStandardHelpOptions = true,
        description = "Manage LogFlow's indices (daily indices, or a data stream's backing indices).",
        subcommands = IndicesCommand.Prune.class)
final class IndicesCommand {

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Delete the indices whose logs are all older than a number of days (e.g. --older-than 7d);"
                    + " a data stream is first rolled over if its write index is a day old.")
    static final class Prune implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = "--older-than", required = true, paramLabel = "DAYS",
                description = "keep this many days, today (UTC) included: 7d or 7")
        String olderThan;

        @Option(names = "--dry-run", description = "list what would be deleted, delete nothing")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            int days = days(olderThan);
            LogFlowConfig settings = config.load();
            try (ElasticsearchConnection elasticsearch = new ElasticsearchConnection(settings.elasticsearch())) {
                LogStorage storage = LogStorage.of(settings.storageWriter());
                IndexRetention retention = IndexRetention.of(elasticsearch, storage);
                if (!dryRun) {
                    retention.rollOver();
                }
                List<String> expired = retention.expired(LocalDate.now(ZoneOffset.UTC), days);
                if (expired.isEmpty()) {
                    System.out.println("no index of the " + storage.describe() + " is older than " + days + " days");
                }
                for (String index : expired) {
                    if (!dryRun) {
                        retention.delete(index);
                    }
                    System.out.println((dryRun ? "would delete " : "deleted ") + index);
                }
            }
            return 0;
        }

        static int days(String text) {
            String number = text.endsWith("d") ? text.substring(0, text.length() - 1) : text;
            try {
                int days = Integer.parseInt(number);
                if (days >= 0) {
                    return days;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--older-than takes a number of days, like 7d, not '" + text + "'");
        }
    }
}
