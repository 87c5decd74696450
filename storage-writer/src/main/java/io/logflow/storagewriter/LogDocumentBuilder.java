package io.logflow.storagewriter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.logflow.core.json.Json;
import io.logflow.core.log.LogStorage;
import io.logflow.core.log.NowText;
import io.logflow.core.log.TimestampParser;
import io.logflow.core.log.UnparseableLogException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Makes the Elasticsearch document of a parsed log: the parsed JSON as it is, with
 * {@code indexed_at}, {@code index_name} and {@code storage_version} appended to it (and
 * {@code @timestamp}, the log's time, for a data stream), bound for the daily index of the
 * log's UTC date, or the data stream, under the log's own id.
 */
final class LogDocumentBuilder {

    /** The index of the day last seen: consecutive logs nearly always share their day. */
    private record Day(long epochDay, String index, byte[] indexNameField) {
        Day(long epochDay, String index) {
            this(epochDay, index, index == null ? null : field("index_name", index));
        }
    }

    /** The {@code indexed_at} field of the millisecond last seen, shared by the logs of a batch built in it. */
    private record IndexedAt(String text, byte[] field) {}

    private static final byte[] NO_FIELD = new byte[0];

    private final LogStorage storage;
    private final byte[] storageVersionField;
    private final NowText now;
    private volatile Day lastDay = new Day(Long.MIN_VALUE, null);
    private volatile IndexedAt lastIndexedAt = new IndexedAt(null, NO_FIELD);

    LogDocumentBuilder(LogStorage storage, String storageVersion, Clock clock) {
        this.storage = storage;
        this.storageVersionField = field("storage_version", storageVersion);
        this.now = new NowText(clock);
    }

    LogDocument build(ConsumerRecord<byte[], byte[]> record) {
        byte[] parsed = record.value();
        if (parsed == null) {
            throw new UnindexableLogException("parsed record has no value");
        }
        LeadingFields fields = LeadingFields.read(parsed);
        if (fields.id == null || fields.id.isBlank()) {
            throw new UnindexableLogException("parsed log has no id");
        }
        Instant timestamp = fields.timestamp();
        Day day = dayOf(timestamp);
        releaseWireBytes(record);
        return new LogDocument(day.index(), fields.id, record, fields.closingBrace, storageFields(day, timestamp));
    }

    /**
     * A header Kafka's consumer has not been asked for yet is a view of the record's bytes as
     * fetched, which holds those bytes (a second copy of the log) for as long as the document
     * waits for its bulk. Read now, the headers are copies of their own and the bytes can go.
     */
    private static void releaseWireBytes(ConsumerRecord<byte[], byte[]> record) {
        for (Header header : record.headers()) {
            header.key();
            header.value();
        }
    }

    private Day dayOf(Instant timestamp) {
        long epochDay = Math.floorDiv(timestamp.getEpochSecond(), 86_400);
        Day day = lastDay;
        if (day.epochDay() != epochDay) {
            day = new Day(epochDay, storage.writeTarget(timestamp));
            lastDay = day;
        }
        return day;
    }

    private byte[] indexedAtField() {
        String text = now.get();
        IndexedAt indexedAt = lastIndexedAt;
        if (!text.equals(indexedAt.text())) {
            indexedAt = new IndexedAt(text, field("indexed_at", text));
            lastIndexedAt = indexedAt;
        }
        return indexedAt.field();
    }

    /**
     * The id and time of a parsed log, read with a streaming parser that stops as soon as
     * it has them: the parser writes them first, so the rest of the log is not read here.
     * Whatever is wrong further on, Elasticsearch finds, and the document is dead-lettered.
     */
    private static final class LeadingFields {
        String id;
        Long timestampMs;
        String timestampText;
        /** Where the writer's fields go; the log has a field before it for their comma to follow. */
        int closingBrace;

        static LeadingFields read(byte[] parsed) {
            int end = lastNonWhitespace(parsed);
            if (end < 0 || parsed[end] != '}') {
                throw new UnindexableLogException("parsed log is not a JSON object");
            }
            LeadingFields fields = new LeadingFields();
            fields.closingBrace = end;
            try (JsonParser parser = Json.mapper().getFactory().createParser(parsed)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new UnindexableLogException("parsed log is not a JSON object");
                }
                while (!fields.complete() && parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    switch (name) {
                        case "id" -> fields.id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        case "timestamp_ms" -> fields.timestampMs =
                                value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
                        case "timestamp" -> fields.timestampText = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        default -> parser.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw new UnindexableLogException("parsed log is not valid JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            return fields;
        }

        private boolean complete() {
            return id != null && timestampMs != null;
        }

        Instant timestamp() {
            if (timestampMs != null) {
                return Instant.ofEpochMilli(timestampMs);
            }
            if (timestampText == null) {
                throw new UnindexableLogException("parsed log has neither timestamp_ms nor timestamp");
            }
            try {
                return TimestampParser.parse(timestampText);
            } catch (UnparseableLogException e) {
                throw new UnindexableLogException(e.getMessage());
            }
        }

        private static int lastNonWhitespace(byte[] bytes) {
            for (int i = bytes.length - 1; i >= 0; i--) {
                if (!Character.isWhitespace(bytes[i])) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** What the writer appends before the log's closing brace, without re-serialising the log, and the brace. */
    private byte[] storageFields(Day day, Instant timestamp) {
        byte[] indexedAt = indexedAtField();
        byte[] atTimestamp = storage.dataStream()
                ? field("@timestamp", Instant.ofEpochMilli(timestamp.toEpochMilli()).toString()) : NO_FIELD;
        byte[] fields = new byte[indexedAt.length + day.indexNameField().length + storageVersionField.length
                + atTimestamp.length + 1];
        int at = 0;
        for (byte[] field : List.of(indexedAt, day.indexNameField(), storageVersionField, atTimestamp)) {
            System.arraycopy(field, 0, fields, at, field.length);
            at += field.length;
        }
        fields[at] = '}';
        return fields;
    }

    /** {@code ,"name":"value"} with the value escaped as JSON requires. */
    private static byte[] field(String name, String value) {
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        ByteArrayOutputStream field = new ByteArrayOutputStream(name.length() + quoted.length + 6);
        field.writeBytes((",\"" + name + "\":\"").getBytes(StandardCharsets.UTF_8));
        field.writeBytes(quoted);
        field.write('"');
        return field.toByteArray();
    }
}
