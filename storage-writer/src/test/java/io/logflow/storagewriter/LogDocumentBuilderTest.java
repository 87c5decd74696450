package io.logflow.storagewriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import io.logflow.core.log.IndexMode;
import io.logflow.core.log.LogStorage;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogDocumentBuilderTest {

    private final LogDocumentBuilder builder = new LogDocumentBuilder(new LogStorage(IndexMode.DAILY, "logs"), "9.9.9",
            Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC));

    private static ConsumerRecord<byte[], byte[]> record(String value) {
        return new ConsumerRecord<>("parsed_logs", 0, 5L, null, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** The document as a bulk body carries it. */
    private static byte[] sourceOf(LogDocument document) {
        byte[] source = new byte[document.size()];
        assertThat(document.writeTo(source, 0)).isEqualTo(source.length);
        return source;
    }

    @Test
    void addsTheStorageFieldsAndKeepsTheParsedLog() throws Exception {
        LogDocument document = builder.build(record("""
                {"id":"t-0-5","timestamp":"2024-01-15T23:30:00Z","timestamp_ms":1705361400000,"message":"m \\" }"}
                """));
        assertThat(document.id()).isEqualTo("t-0-5");
        assertThat(document.index()).isEqualTo("logs-2024.01.15");
        JsonNode source = Json.mapper().readTree(sourceOf(document));
        assertThat(source.get("message").textValue()).isEqualTo("m \" }");
        assertThat(source.get("indexed_at").textValue()).isEqualTo("2026-11-27T08:00:00Z");
        assertThat(source.get("index_name").textValue()).isEqualTo("logs-2024.01.15");
        assertThat(source.get("storage_version").textValue()).isEqualTo("9.9.9");
        assertThat(source.get("timestamp_ms").longValue()).isEqualTo(1705361400000L);
    }

    @Test
    void aDocumentWaitingForItsBulkDoesNotHoldTheBytesKafkaFetchedItsLogIn() throws Exception {
        // as Kafka's consumer decodes a record: key, value and headers are views of one buffer of the record's bytes
        byte[] fetched = "ingest_time1795849200000{\"id\":\"t-0-5\",\"timestamp_ms\":1705361400000}"
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer wire = ByteBuffer.wrap(fetched);
        RecordHeaders headers = new RecordHeaders(new Header[] {
                new RecordHeader(wire.slice(0, 11), wire.slice(11, 13))});
        byte[] value = Arrays.copyOfRange(fetched, 24, fetched.length);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("parsed_logs", 0, 5L, 0L, TimestampType.CREATE_TIME,
                0, value.length, null, value, headers, Optional.empty());
        WeakReference<byte[]> fetchedBytes = new WeakReference<>(fetched);
        fetched = null;
        wire = null;

        LogDocument document = builder.build(record);
        for (int i = 0; i < 10 && fetchedBytes.get() != null; i++) {
            System.gc();
        }

        assertThat(fetchedBytes.get()).as("the record's fetched bytes, once the document is built").isNull();
        assertThat(new String(document.record().headers().lastHeader("ingest_time").value(), StandardCharsets.UTF_8))
                .isEqualTo("1795849200000");
    }

    @Test
    void aDataStreamDocumentCarriesTheLogsTimeAsTimestampAndGoesToTheStream() throws Exception {
        LogDocument document = new LogDocumentBuilder(new LogStorage(IndexMode.DATA_STREAM, "logs"), "9.9.9",
                Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC)).build(record(
                "{\"id\":\"t-0-5\",\"timestamp\":\"2024-01-15T23:30:00.123456Z\",\"timestamp_ms\":1705361400123}"));
        assertThat(document.index()).isEqualTo("logs");
        JsonNode source = Json.mapper().readTree(sourceOf(document));
        assertThat(source.get("@timestamp").textValue()).isEqualTo("2024-01-15T23:30:00.123Z");
        assertThat(source.get("index_name").textValue()).isEqualTo("logs");
        assertThat(source.get("timestamp").textValue()).isEqualTo("2024-01-15T23:30:00.123456Z");
    }

    @Test
    void aDailyDocumentHasNoTimestampField() throws Exception {
        JsonNode source = Json.mapper().readTree(sourceOf(builder.build(record(
                "{\"id\":\"t-0-5\",\"timestamp_ms\":1705361400000}"))));
        assertThat(source.has("@timestamp")).isFalse();
    }

    @Test
    void fallsBackToTheTimestampWhenThereAreNoMillis() {
        assertThat(builder.build(record("{\"id\":\"x\",\"timestamp\":\"2024-03-01T00:00:00+01:00\"}")).index())
                .isEqualTo("logs-2024.02.29");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1]", "{\"timestamp_ms\":1}", "{\"id\":\"\",\"timestamp_ms\":1}",
            "{\"id\":7,\"timestamp_ms\":1}", "{\"id\":\"x\"}", "{\"id\":\"x\",\"timestamp\":\"2024-02-31T00:00:00Z\"}"})
    void aParsedLogWithoutIdOrTimeCannotBeIndexed(String value) {
        assertThatThrownBy(() -> builder.build(record(value))).isInstanceOf(UnindexableLogException.class);
    }

    @Test
    void aRecordWithoutValueCannotBeIndexed() {
        assertThatThrownBy(() -> builder.build(record(null))).isInstanceOf(UnindexableLogException.class);
    }
}
