package io.logflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndicesCommandTest {

    @Test
    void daysAreANumberWithOrWithoutD() {
        assertThat(IndicesCommand.Prune.days("7d")).isEqualTo(7);
        assertThat(IndicesCommand.Prune.days("30")).isEqualTo(30);
        assertThat(IndicesCommand.Prune.days("0d")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-1d", "7w", "d", "", "seven", "7dd", "1.5d"})
    void anythingElseIsRefusedWithAnExample(String text) {
        assertThatThrownBy(() -> IndicesCommand.Prune.days(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--older-than takes a number of days, like 7d, not '" + text + "'");
    }

    @Test
    void badDaysFailTheCommandBeforeElasticsearchIsAsked() {
        Cli cli = Cli.run("indices", "prune", "--older-than", "7w");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("--older-than takes a number of days, like 7d, not '7w'");
    }

    @Test
    void olderThanIsRequired() {
        Cli cli = Cli.run("indices", "prune");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Missing required option: '--older-than=DAYS'");
    }

    @Test
    void dryRunIsOffUnlessAsked() {
        assertThat(Cli.parse(IndicesCommand.Prune.class, "indices", "prune", "--older-than", "7d").dryRun).isFalse();
        assertThat(Cli.parse(IndicesCommand.Prune.class, "indices", "prune", "--older-than", "7d", "--dry-run").dryRun)
                .isTrue();
    }
}
