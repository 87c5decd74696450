package io.logflow.storagewriter;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.logflow.core.http.Readiness;
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
final class LogIndex implements Readiness, AutoCloseable {

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

    List<BulkItemResult> bulk(List<LogDocument> documents) throws ElasticsearchUnavailableException {
        BulkRequest.Builder request = new BulkRequest.Builder();
        for (LogDocument document : documents) {
            request.operations(op -> op.create(create -> create
                    .index(document.index())
                    .id(document.id())
                    .document(BinaryData.of(document.source(), ContentType.APPLICATION_JSON))));
        }
        BulkResponse response;
        try {
            response = client.bulk(request.build());
        } catch (ElasticsearchException e) {
            throw new ElasticsearchUnavailableException("bulk request failed: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new ElasticsearchUnavailableException("bulk request failed: " + e, e);
        }
        List<BulkItemResult> results = new ArrayList<>(documents.size());
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            ErrorCause error = item.error();
            results.add(new BulkItemResult(documents.get(i), item.status(),
                    error == null ? null : error.type(), error == null ? null : error.reason()));
        }
        return results;
    }

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
