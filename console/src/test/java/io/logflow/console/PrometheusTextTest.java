package io.logflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void thePipelinesSamplesAreReadAndBucketsCommentsAndOthersSkipped() {
        String text = """
                # HELP storage_writer_paused 1 while retrying
                # TYPE storage_writer_paused gauge
                storage_writer_paused{stage="storage-writer"} 1.0
                storage_writer_dead_letters_total{reason="mapping",stage="storage-writer"} 3.0
                ingestor_request_bytes_bucket{le="100"} 5.0
                jvm_memory_used_bytes{area="heap"} 1.2E7
                parser_logs_processed_total 42
                """;
        assertThat(PrometheusText.samples(text, List.of("ingestor_", "parser_", "storage_writer_"))).containsExactly(
                new PrometheusText.Sample("storage_writer_paused", "{stage=\"storage-writer\"}", 1.0),
                new PrometheusText.Sample("storage_writer_dead_letters_total",
                        "{reason=\"mapping\",stage=\"storage-writer\"}", 3.0),
                new PrometheusText.Sample("parser_logs_processed_total", "", 42.0));
    }
}
