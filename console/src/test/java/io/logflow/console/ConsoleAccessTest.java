package io.logflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleAccessTest {

    @Test
    void anOriginIsTheConsolesOwnOnlyWhenItsHostAndPortAreTheRequestsHost() {
        assertThat(ConsoleAccess.sameHost("http://127.0.0.1:8084", "127.0.0.1:8084")).isTrue();
        assertThat(ConsoleAccess.sameHost("https://logs.example.com", "logs.example.com")).isTrue();
        assertThat(ConsoleAccess.sameHost("http://127.0.0.1:9999", "127.0.0.1:8084")).isFalse();
        assertThat(ConsoleAccess.sameHost("https://evil.example", "127.0.0.1:8084")).isFalse();
        assertThat(ConsoleAccess.sameHost("null", "127.0.0.1:8084")).isFalse();
        assertThat(ConsoleAccess.sameHost("http://127.0.0.1:8084", null)).isFalse();
    }
}
