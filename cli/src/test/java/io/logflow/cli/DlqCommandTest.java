package io.logflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.dlq.DeadLetterFilter;
import io.logflow.dlq.DeadLetters;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DlqCommandTest {

    private static final String NL = System.lineSeparator();

    @Test
    void theSelectionOptionsMakeTheFilter() {
        DlqCommand.Show show = Cli.parse(DlqCommand.Show.class, "dlq", "show", "--topic", "raw_logs_dlq",
                "--reason", "parsing|mapp", "--since", "2026-11-27T08:00:00Z", "--until", "2026-11-28T08:00:00Z",
                "--partition", "2", "--from-offset", "5", "--to-offset", "9", "--correlation-id", "req-1", "--pending");

        DeadLetterFilter filter = show.selection.filter(show.pending);

        assertThat(show.selection.topic).isEqualTo("raw_logs_dlq");
        assertThat(filter.reason().pattern()).isEqualTo("parsing|mapp");
        assertThat(filter).extracting(DeadLetterFilter::since, DeadLetterFilter::until, DeadLetterFilter::partition,
                        DeadLetterFilter::fromOffset, DeadLetterFilter::toOffset, DeadLetterFilter::correlationId,
                        DeadLetterFilter::pendingOnly)
                .containsExactly(Instant.parse("2026-11-27T08:00:00Z"), Instant.parse("2026-11-28T08:00:00Z"), 2, 5L, 9L,
                        "req-1", true);
    }

    @Test
    void withoutOptionsEveryDeadLetterOfBothTopicsIsSelected() {
        DlqCommand.Show show = Cli.parse(DlqCommand.Show.class, "dlq", "show");

        assertThat(show.selection.topic).isNull();
        assertThat(show.selection.filter(show.pending)).isEqualTo(DeadLetterFilter.everything());
    }

    @Test
    void replayDefaultsToPendingOnesAt500ASecondForReal() {
        DlqCommand.Replay replay = Cli.parse(DlqCommand.Replay.class, "dlq", "replay");

        assertThat(replay.rate).isEqualTo(500);
        assertThat(replay.again).isFalse();
        assertThat(replay.dryRun).isFalse();
    }

    @Test
    void archiveTakesTheFileItWritesTo() {
        DlqCommand.Archive archive = Cli.parse(DlqCommand.Archive.class, "dlq", "archive", "--file", "dl.ndjson.gz");

        assertThat(archive.file).isEqualTo(Path.of("dl.ndjson.gz"));
    }

    @Test
    void archiveWithoutAFileIsAUsageError() {
        Cli cli = Cli.run("dlq", "archive");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Missing required option: '--file=<file>'");
    }

    @Test
    void aTimeThatIsNotAnInstantIsAUsageError() {
        Cli cli = Cli.run("dlq", "show", "--since", "yesterday");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Invalid value for option '--since'");
    }

    @Test
    void lsSaysOfAnEmptyTopicOnlyThatItIsEmpty() {
        assertThat(DlqCommand.Ls.lines(new DeadLetters.TopicSummary("parsed_logs_dlq", 0, 0, Map.of(), null, null)))
                .isEqualTo("parsed_logs_dlq: 0 dead letters, 0 pending" + NL);
    }

    @Test
    void lsCountsThePendingOnesByStageAndReason() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        byReason.put("parser: timestamp '…' is not a valid date", 2L);
        byReason.put("parser: unexpected character", 1L);

        String lines = DlqCommand.Ls.lines(new DeadLetters.TopicSummary("raw_logs_dlq", 4, 3, byReason,
                Instant.parse("2026-11-27T08:00:00Z"), Instant.parse("2026-11-27T09:00:00Z")));

        assertThat(lines).isEqualTo(
                "raw_logs_dlq: 4 dead letters, 3 pending (oldest 2026-11-27T08:00:00Z, newest 2026-11-27T09:00:00Z)" + NL
                        + "       2  parser: timestamp '…' is not a valid date" + NL
                        + "       1  parser: unexpected character" + NL);
    }
}
