package io.logflow.storagewriter;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.elasticsearch.ElasticsearchRequestException;
import io.logflow.core.elasticsearch.StoreFlavour;
import io.logflow.core.log.LogStorage;
import io.logflow.core.http.Readiness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LogFlow's view of the store (Elasticsearch or OpenSearch): the index template, bulk
 * requests with per-item results, and whether the cluster answers at all.
 */
final class LogIndex implements BulkIndex, Readiness, AutoCloseable {

    private static final Map<String, String> ITEM_STATUS_AND_ERROR =
            Map.of("filter_path", "items.*.status,items.*.error.type,items.*.error.reason");

    private final ElasticsearchConnection elasticsearch;
    private final LogStorage storage;
    private volatile Map<String, String> bulkParameters = ITEM_STATUS_AND_ERROR;

    /** @param elasticsearch closed when this index is */
    LogIndex(ElasticsearchConnection elasticsearch, LogStorage storage) {
        this.elasticsearch = elasticsearch;
        this.storage = storage;
    }

    /**
     * Installs (or updates) the template every daily index of the prefix, or the data
     * stream, is created from; and learns which store this is.
     *
     * @return the store
     */
    StoreFlavour installTemplate() throws ElasticsearchUnavailableException {
        StoreFlavour flavour;
        try {
            flavour = elasticsearch.flavour();
        } catch (ElasticsearchRequestException e) {
            throw new ElasticsearchUnavailableException("cannot tell which store answers: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ElasticsearchUnavailableException("interrupted", e);
        }
        send("cannot install the index template", "PUT", "/_index_template/" + storage.templateName(), Map.of(),
                IndexTemplate.body(storage));
        if (storage.dataStream()) {
            Map<String, String> parameters = new HashMap<>(ITEM_STATUS_AND_ERROR);
            parameters.putAll(flavour.dataStreamBulkParameters());
            bulkParameters = Map.copyOf(parameters);
        }
        return flavour;
    }

    /**
     * One {@code _bulk} of {@code create} operations with the documents' own ids. The body
     * is written here from the documents' bytes, and only each item's status and error are
     * asked back ({@code filter_path}): the client library's typed bulk API cost the writer
     * more CPU than Elasticsearch's indexing left it (docs/benchmarks.md).
     */
    @Override
    public List<BulkItemResult> bulk(List<LogDocument> documents) throws ElasticsearchUnavailableException {
        byte[] answer = answer("bulk request failed", "POST", "/_bulk", bulkParameters, bulkBody(documents));
        List<BulkAnswer.Item> items;
        try {
            items = BulkAnswer.items(answer);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("bulk response is not what Elasticsearch answers: "
                    + e.getMessage(), e);
        }
        if (items.size() != documents.size()) {
            throw new ElasticsearchUnavailableException("bulk response has " + items.size() + " items for "
                    + documents.size() + " documents", null);
        }
        List<BulkItemResult> results = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            BulkAnswer.Item item = items.get(i);
            results.add(new BulkItemResult(documents.get(i), item.status(), item.errorType(), item.errorReason()));
        }
        return results;
    }

    private void send(String failure, String method, String path, Map<String, String> params, byte[] body)
            throws ElasticsearchUnavailableException {
        answer(failure, method, path, params, body);
    }

    private byte[] answer(String failure, String method, String path, Map<String, String> params, byte[] body)
            throws ElasticsearchUnavailableException {
        try {
            return elasticsearch.send(method, path, params, body).body();
        } catch (ElasticsearchRequestException e) {
            throw new ElasticsearchUnavailableException(failure + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ElasticsearchUnavailableException(failure + ": interrupted", e);
        }
    }

    /** Written into an array of its exact size: the body is the largest thing the writer allocates. */
    private static byte[] bulkBody(List<LogDocument> documents) {
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        byte[][] indices = new byte[documents.size()][];
        byte[][] ids = new byte[documents.size()][];
        int size = 0;
        for (int i = 0; i < documents.size(); i++) {
            LogDocument document = documents.get(i);
            // a batch's documents share one or two days' index names
            indices[i] = i > 0 && document.index().equals(documents.get(i - 1).index())
                    ? indices[i - 1] : json.quoteAsUTF8(document.index());
            ids[i] = json.quoteAsUTF8(document.id());
            size += CREATE_INDEX.length + indices[i].length + CREATE_ID.length + ids[i].length + CREATE_END.length
                    + document.size() + 1;
        }
        byte[] body = new byte[size];
        int at = 0;
        for (int i = 0; i < documents.size(); i++) {
            at = append(body, at, CREATE_INDEX);
            at = append(body, at, indices[i]);
            at = append(body, at, CREATE_ID);
            at = append(body, at, ids[i]);
            at = append(body, at, CREATE_END);
            at = documents.get(i).writeTo(body, at);
            body[at++] = '\n';
        }
        return body;
    }

    private static int append(byte[] body, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, body, at, bytes.length);
        return at + bytes.length;
    }

    private static final byte[] CREATE_INDEX = "{\"create\":{\"_index\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CREATE_ID = "\",\"_id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CREATE_END = "\"}}\n".getBytes(StandardCharsets.UTF_8);

    /** Where the logs go: "daily indices logs-*" or "data stream logs". */
    String describe() {
        return storage.describe();
    }

    @Override
    public Optional<String> notReadyReason() {
        return elasticsearch.notReadyReason();
    }

    @Override
    public void close() throws IOException {
        elasticsearch.close();
    }
}
