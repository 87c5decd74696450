package io.logflow.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The calls of shippers that cannot run here (Filebeat, Fluent Bit, Vector, Logstash),
 * as their sources make them (each row names where), answered as they need: the status,
 * the field they read, and the product header on every answer.
 */
class ShipperCallsTest {

    private static MockKafkaIngestor ingestor;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        ingestor = MockKafkaIngestor.start(true, Map.of());
    }

    @AfterAll
    static void stop() {
        ingestor.close();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvFileSource(resources = "/shipper-calls.psv", delimiter = '|', nullValues = "")
    void theCallIsAnsweredAsTheShipperNeeds(String shipper, String method, String path, String body, int status,
                                            String contains, String source) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestor.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.replace("\\n", "\n")));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(source).isEqualTo(status);
        assertThat(response.headers().firstValue("X-Elastic-Product")).as(source).hasValue("Elasticsearch");
        if (contains != null) {
            assertThat(response.body()).as(source).contains(contains);
        }
    }
}
