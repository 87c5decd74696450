package io.logflow.parser;

import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.log.LogId;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers of a raw record the parser reads, in one pass over them; as with
 * {@link Headers#lastHeader}, the last of a name counts. Null where a header is absent or has no value.
 */
record RawLogHeaders(String logId, String clientKey, String correlationId, String ingestKey) {

    static RawLogHeaders of(Headers headers) {
        String logId = null;
        String clientKey = null;
        String correlationId = null;
        String ingestKey = null;
        for (Header header : headers) {
            switch (header.key()) {
                case LogId.HEADER -> logId = text(header);
                case LogId.CLIENT_HEADER -> clientKey = text(header);
                case CorrelationId.HEADER -> correlationId = text(header);
                case LogId.INGEST_KEY_HEADER -> ingestKey = text(header);
                default -> { }
            }
        }
        return new RawLogHeaders(logId, clientKey, correlationId, ingestKey);
    }

    private static String text(Header header) {
        return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
