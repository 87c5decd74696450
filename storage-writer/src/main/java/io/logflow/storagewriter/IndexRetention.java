package io.logflow.storagewriter;

import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.elasticsearch.ElasticsearchRequestException;
import io.logflow.core.log.LogStorage;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/**
 * LogFlow's own retention, on every store (none of their test distributions has lifecycle
 * management): deletes the indices holding only logs older than a number of days. Safe
 * when several writers do it at once: deleting an index another writer just deleted is
 * not an error.
 */
public abstract class IndexRetention {

    protected final ElasticsearchConnection elasticsearch;

    protected IndexRetention(ElasticsearchConnection elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    /** The retention of the layout the configuration chose. */
    public static IndexRetention of(ElasticsearchConnection elasticsearch, LogStorage storage) {
        return storage.dataStream() ? new DataStreamRetention(elasticsearch, storage.prefix())
                : new DailyIndexRetention(elasticsearch, storage.prefix());
    }

    /** Starts a new index where the layout calls for one before retention can drop the old (a data stream's day). */
    public void rollOver() throws IOException, InterruptedException {}

    /** The indices whose logs are all older than {@code keepDays} days before {@code today}, oldest first. */
    public abstract List<String> expired(LocalDate today, int keepDays) throws IOException, InterruptedException;

    /** Deletes an index; one that is already gone is not an error. */
    public void delete(String index) throws IOException, InterruptedException {
        try {
            elasticsearch.send("DELETE", "/" + index);
        } catch (ElasticsearchRequestException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }
}
