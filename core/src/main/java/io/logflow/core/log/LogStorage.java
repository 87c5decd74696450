package io.logflow.core.log;

import io.logflow.core.config.LogFlowConfig;
import java.time.Instant;

/**
 * Where stored logs are: the one place that says where the storage writer writes a log
 * and where every reader (the audit, retention, {@code logflow indices}, a console's
 * search) looks for stored logs, in either {@link IndexMode}.
 *
 * <p>The data stream is named after the prefix alone ({@code logs}), so that neither the
 * daily indices' pattern ({@code logs-*}) nor Elasticsearch's built-in data-stream template
 * for {@code logs-*-*} (priority 100, logsdb mode in 9.x) matches it: LogFlow's template
 * decides its mappings, and every field stays in {@code _source}.
 */
public record LogStorage(IndexMode mode, String prefix) {

    public static LogStorage of(LogFlowConfig.StorageWriter settings) {
        return new LogStorage(settings.indexMode(), settings.indexPrefix());
    }

    public boolean dataStream() {
        return mode == IndexMode.DATA_STREAM;
    }

    /** What a search of every stored log names: the daily indices' pattern, or the data stream. */
    public String searchTarget() {
        return dataStream() ? prefix : prefix + "-*";
    }

    /** Where a log of this time is written: its day's index, or the data stream. */
    public String writeTarget(Instant timestamp) {
        return dataStream() ? prefix : IndexName.of(prefix, timestamp);
    }

    /** The name of LogFlow's index template for this layout. */
    public String templateName() {
        return "logflow-" + prefix + (dataStream() ? "-data-stream" : "");
    }

    /** For people: "daily indices logs-*" or "data stream logs". */
    public String describe() {
        return (dataStream() ? "data stream " : "daily indices ") + searchTarget();
    }
}
