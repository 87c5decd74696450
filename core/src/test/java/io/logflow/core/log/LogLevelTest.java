package io.logflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogLevelTest {

    @ParameterizedTest
    @CsvSource({"DEBUG,DEBUG", "debug,DEBUG", "INFO,INFO", "WARN,WARN", "warning,WARN", "WARNING,WARN",
            "ERROR,ERROR", "fatal,FATAL", "PANIC,FATAL", "panic,FATAL", "TRACE,INFO", "verbose,INFO"})
    void normalisesToTheFiveStoredLevels(String sent, String stored) {
        assertThat(LogLevel.normalise(sent)).isEqualTo(stored);
    }

    @org.junit.jupiter.api.Test
    void aMissingLevelIsStoredAsInfo() {
        assertThat(LogLevel.normalise(null)).isEqualTo("INFO");
    }
}
