package io.logflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A click on a line of the dead-letter summary selects exactly the dead letters that line counts. */
class ReasonFilterTest {

    private static boolean selects(String summaryLine, String reason) {
        return Pattern.compile(ReasonFilter.of(summaryLine)).matcher(reason).find();
    }

    @Test
    void quotedValuesAndNumbersOfTheKindMatchAnyValue() {
        String line = "parser: timestamp '…' is not a valid date";
        assertThat(selects(line, "timestamp '2024-02-31T12:00:00Z' is not a valid date")).isTrue();
        assertThat(selects(line, "timestamp 'yesterday' is not a valid date")).isTrue();
        String mapping = "storage-writer: N mapper_parsing_exception at line N, column N";
        assertThat(selects(mapping, "400 mapper_parsing_exception at line 1, column 187")).isTrue();
    }

    @Test
    void otherReasonsAndLongerOnesAreNotSelected() {
        assertThat(selects("parser: not JSON", "not JSON")).isTrue();
        assertThat(selects("parser: not JSON", "field 'level' is not JSON text")).isFalse();
        assertThat(selects("parser: not JSON", "not JSONL")).isFalse();
        assertThat(selects("parser: wrong type for '…'", "wrong type for 'message'")).isTrue();
        assertThat(selects("parser: wrong type for '…'", "wrong kind for 'message'")).isFalse();
    }

    @Test
    void regexCharactersInAReasonAreTakenLiterally() {
        String line = "parser: unexpected character (.*) at N";
        assertThat(selects(line, "unexpected character (.*) at 12")).isTrue();
        assertThat(selects(line, "unexpected character (abc) at 12")).isFalse();
    }
}
