package io.logflow.ingestor.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logflow.core.config.ConfigException;
import io.logflow.core.config.ConfigLoader;
import io.logflow.core.config.LogFlowConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldNamesTest {

    private static FieldNames configured(Map<String, String> environment) {
        return FieldNames.of(ConfigLoader.defaultsWith(environment).ingestor().fields());
    }

    @Test
    void theDefaultsCoverTheUsualShippers() {
        FieldNames defaults = configured(Map.of());
        assertThat(defaults.message()).startsWith("message", "MESSAGE");
        assertThat(defaults.time()).contains("@timestamp", "timereported", "ISODATE", "date");
        assertThat(defaults.level()).contains("log.level", "priority", "PRIORITY");
        assertThat(defaults.service()).contains("service.name", "programname", "PROGRAM");
    }

    @Test
    void theConfigurationNamesItsOwnFieldsAndARequestsWin() {
        FieldNames configured = configured(Map.of("INGESTOR_FIELDS_MESSAGE", "text,body", "INGESTOR_FIELDS_SERVICE", "app"));
        assertThat(configured.message()).containsExactly("text", "body");
        assertThat(configured.service()).containsExactly("app");
        assertThat(configured.time()).startsWith("@timestamp");

        FieldNames forRequest = configured.overriddenBy(Map.of("_msg_field", "event.text")::get);
        assertThat(forRequest.message()).as("the request's names win").containsExactly("event.text");
        assertThat(forRequest.service()).as("the configuration's where the request names none").containsExactly("app");
    }

    @Test
    void anEmptyListIsAConfigurationError() {
        assertThatThrownBy(() -> FieldNames.of(new LogFlowConfig.Ingestor.Fields(List.of("message"), List.of(),
                List.of("level"), List.of("service")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("ingestor.fields");
    }
}
