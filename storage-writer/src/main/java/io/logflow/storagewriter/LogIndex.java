package io.logflow.storagewriter;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.http.Readiness;
import io.logflow.core.json.Json;
import java.io.ByteArrayOutputStream;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LogFlow's view of Elasticsearch: the index template, bulk requests with per-item
 * results, and whether the cluster answers at all.
 */
final class LogIndex implements BulkIndex, Readiness, AutoCloseable {

    private final Rest5Client rest;
    private final ElasticsearchClient client;

    LogIndex(String url) {
        this.rest = Rest5Client.builder(URI.create(url)).build();
        this.client = new ElasticsearchClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper()));
    }

    /** Installs (or updates) the template every daily index of this prefix is created from. */
    void installTemplate(String indexPrefix) throws ElasticsearchUnavailableException {
        String template;
        try (InputStream in = LogIndex.class.getResourceAsStream("/index-template.json")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${index_prefix}", indexPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Request request = new Request("PUT", "/_index_template/logflow-" + indexPrefix);
        request.setJsonEntity(template);
        try {
            rest.performRequest(request);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("cannot install the index template: " + e.getMessage(), e);
        }
    }

    /**
     * One {@code _bulk} of {@code create} operations with the documents' own ids. The body
     * is written here from the documents' bytes, and only each item's status and error are
     * asked back ({@code filter_path}): the client library's typed bulk API cost the writer
     * more CPU than Elasticsearch's indexing left it (docs/benchmarks.md).
     */
    @Override
    public List<BulkItemResult> bulk(List<LogDocument> documents) throws ElasticsearchUnavailableException {
        Request request = new Request("POST", "/_bulk");
        request.addParameter("filter_path", "items.*.status,items.*.error.type,items.*.error.reason");
        request.setEntity(new ByteArrayEntity(bulkBody(documents), ContentType.APPLICATION_JSON));
        JsonNode items;
        try {
            Response response = rest.performRequest(request);
            items = Json.mapper().readTree(EntityUtils.toByteArray(response.getEntity())).path("items");
        } catch (IOException | RuntimeException e) {
            throw new ElasticsearchUnavailableException("bulk request failed: " + e.getMessage(), e);
        }
        if (items.size() != documents.size()) {
            throw new ElasticsearchUnavailableException("bulk response has " + items.size() + " items for "
                    + documents.size() + " documents", null);
        }
        List<BulkItemResult> results = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            JsonNode item = items.get(i).elements().next();
            JsonNode error = item.get("error");
            results.add(new BulkItemResult(documents.get(i), item.path("status").asInt(),
                    error == null ? null : error.path("type").asText(), error == null ? null : error.path("reason").asText()));
        }
        return results;
    }

    private static byte[] bulkBody(List<LogDocument> documents) {
        int size = 0;
        for (LogDocument document : documents) {
            size += document.source().length + document.id().length() + document.index().length() + 48;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(size);
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        for (LogDocument document : documents) {
            body.writeBytes(CREATE_INDEX);
            body.writeBytes(json.quoteAsUTF8(document.index()));
            body.writeBytes(CREATE_ID);
            body.writeBytes(json.quoteAsUTF8(document.id()));
            body.writeBytes(CREATE_END);
            body.writeBytes(document.source());
            body.write('\n');
        }
        return body.toByteArray();
    }

    private static final byte[] CREATE_INDEX = "{\"create\":{\"_index\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CREATE_ID = "\",\"_id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CREATE_END = "\"}}\n".getBytes(StandardCharsets.UTF_8);

    @Override
    public Optional<String> notReadyReason() {
        try {
            client.cluster().health(health -> health.timeout(t -> t.time("2s")));
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("elasticsearch unreachable: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }
}
