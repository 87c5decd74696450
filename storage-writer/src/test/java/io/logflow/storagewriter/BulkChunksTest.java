package io.logflow.storagewriter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class BulkChunksTest {

    private static LogDocument document(int bytes) {
        return new LogDocument("logs-2026.11.27", "id", new ConsumerRecord<>("parsed_logs", 0, 0L, null, new byte[bytes]),
                bytes - 1, new byte[] {'}'});
    }

    @Test
    void keepsEachBulkUnderTheBoundAndEveryDocumentInOrder() {
        List<LogDocument> documents = IntStream.range(0, 100).mapToObj(i -> document(904)).toList(); // 1,000 bytes each
        List<List<LogDocument>> chunks = BulkChunks.split(documents, 10_000);
        assertThat(chunks).hasSize(10).allSatisfy(chunk -> assertThat(chunk).hasSize(10));
        assertThat(chunks.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(documents);
    }

    @Test
    void aDocumentLargerThanTheBoundGoesAlone() {
        List<List<LogDocument>> chunks = BulkChunks.split(List.of(document(10), document(50_000), document(10)), 1_000);
        assertThat(chunks).extracting(List::size).containsExactly(1, 1, 1);
    }

    @Test
    void nothingMakesNoBulk() {
        assertThat(BulkChunks.split(List.of(), 1_000)).isEmpty();
    }
}
