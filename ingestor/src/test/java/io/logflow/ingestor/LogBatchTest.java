package io.logflow.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogBatchTest {

    private static List<String> split(String body) throws Exception {
        return LogBatch.split(body.getBytes(StandardCharsets.UTF_8)).stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void ndjsonIsOneLogPerLineAsSent() throws Exception {
        assertThat(split("{\"a\":1}\n{ \"b\" : 2 }\r\n\n  \n{\"c\":3}"))
                .containsExactly("{\"a\":1}", "{ \"b\" : 2 }", "{\"c\":3}");
    }

    @Test
    void aLineThatIsNotJsonIsStillALogOfItsOwn() throws Exception {
        assertThat(split("{\"a\":1}\nnot json\n")).containsExactly("{\"a\":1}", "not json");
    }

    @Test
    void anArrayIsOneLogPerElementWithItsOriginalBytes() throws Exception {
        assertThat(split(" [ {\"a\": \"x,y]\"} , {\"b\":[1,{\"c\":2}]}, 3, \"s\" ] "))
                .containsExactly("{\"a\": \"x,y]\"}", "{\"b\":[1,{\"c\":2}]}", "3", "\"s\"");
    }

    @Test
    void aDuplicateKeyInsideALogIsThatLogsProblemNotTheBatchs() throws Exception {
        assertThat(split("[{\"a\":1,\"a\":2},{\"b\":1}]")).hasSize(2);
    }

    @Test
    void multiByteCharactersKeepTheirBytes() throws Exception {
        assertThat(split("[{\"m\":\"héllo ✓\"},{\"m\":\"😀\"}]")).containsExactly("{\"m\":\"héllo ✓\"}", "{\"m\":\"😀\"}");
    }

    @Test
    void anEmptyBodyOrArrayHoldsNoLog() throws Exception {
        assertThat(split("  \n ")).isEmpty();
        assertThat(split("[]")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"a\":1}", "[{\"a\":1}] trailing", "[{\"a\":}]", "[1,,2]"})
    void aBrokenArrayIsRefusedWhole(String body) {
        assertThatThrownBy(() -> split(body)).isInstanceOf(LogBatch.MalformedBatchException.class);
    }
}
