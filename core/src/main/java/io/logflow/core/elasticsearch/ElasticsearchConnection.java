package io.logflow.core.elasticsearch;

import co.elastic.clients.transport.rest5_client.low_level.Cancellable;
import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.ResponseListener;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import co.elastic.clients.transport.rest5_client.low_level.Rest5ClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.config.ConfigException;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.http.Readiness;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * LogFlow's one way to Elasticsearch: the writer, the retention, the audit, the
 * {@code indices} command and the benchmark all send their requests through a connection
 * built here from the {@code elasticsearch} configuration section, with its credentials
 * and certificate authority. Underneath is the official client's low-level REST client:
 * bodies go out as the caller's bytes and answers come back as bytes, with no typed model
 * in between, because re-serialising every document cost the writer more CPU than
 * Elasticsearch's indexing left it (docs/benchmarks.md). Safe for concurrent use.
 */
public final class ElasticsearchConnection implements Readiness, AutoCloseable {

    static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);
    /** Long enough for a bulk of several megabytes on a busy node, or deleting an index. */
    static final Duration ANSWER_DEADLINE = Duration.ofSeconds(60);
    /** A readiness probe must answer quickly, whatever Elasticsearch is doing. */
    static final Duration HEALTH_DEADLINE = Duration.ofSeconds(5);

    private final String url;
    private final boolean https;
    private final Rest5Client client;
    private volatile StoreFlavour flavour;

    public ElasticsearchConnection(LogFlowConfig.Elasticsearch settings) {
        this.url = settings.url();
        this.https = url.startsWith("https:");
        Rest5ClientBuilder builder = Rest5Client.builder(nodes(url))
                .setConnectionConfigCallback(connection -> connection.setConnectTimeout(CONNECT_TIMEOUT));
        ElasticsearchCredentials.authorization(settings).ifPresent(authorization ->
                builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", authorization)}));
        if (!settings.caFile().isEmpty()) {
            builder.setSSLContext(TrustedAuthority.sslContext(settings.caFile()));
        }
        this.client = builder.build();
    }

    /**
     * The nodes of {@code elasticsearch.url}: one URL, or several separated by commas (the
     * nodes of a cluster; a request that finds one dead goes to the next).
     */
    static List<URI> nodes(String url) {
        List<URI> nodes = new ArrayList<>();
        for (String each : url.split(",")) {
            URI uri;
            try {
                uri = URI.create(each.strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("elasticsearch.url '" + each.strip() + "' is not a URL: " + e.getMessage());
            }
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new ConfigException("elasticsearch.url '" + each.strip() + "' is not an http:// or https:// URL");
            }
            nodes.add(uri);
        }
        if (nodes.stream().map(URI::getScheme).distinct().count() > 1) {
            throw new ConfigException("elasticsearch.url '" + url + "' mixes http:// and https://: use one for every node");
        }
        return nodes;
    }

    /** Elasticsearch's address, as configured. */
    public String url() {
        return url;
    }

    /** An answer with a 2xx status. */
    public record Answer(int status, byte[] body) {}

    public Answer send(String method, String path) throws ElasticsearchRequestException, InterruptedException {
        return send(method, path, Map.of(), null);
    }

    /**
     * One request, answered with a 2xx status.
     *
     * @param path   starting with {@code /}, without a query: that is {@code params}
     * @param body   JSON (or NDJSON for {@code _bulk}) as bytes; null for none
     * @throws ElasticsearchRequestException if Elasticsearch did not answer, or answered another status
     */
    public Answer send(String method, String path, Map<String, String> params, byte[] body)
            throws ElasticsearchRequestException, InterruptedException {
        Request request = new Request(method, path);
        request.addParameters(params);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        }
        Response response = perform(request, ANSWER_DEADLINE);
        return new Answer(response.getStatusCode(), bytesOf(request, response.getEntity()));
    }

    public JsonNode json(String method, String path) throws ElasticsearchRequestException, InterruptedException {
        return json(method, path, Map.of(), null);
    }

    /** {@link #send} for an answer that is JSON. */
    public JsonNode json(String method, String path, Map<String, String> params, byte[] body)
            throws ElasticsearchRequestException, InterruptedException {
        Answer answer = send(method, path, params, body);
        try {
            return Json.mapper().readTree(answer.body());
        } catch (IOException e) {
            throw new ElasticsearchRequestException(method + " " + path, url, answer.status(),
                    "(not JSON) " + new String(answer.body(), StandardCharsets.UTF_8));
        }
    }

    /** Which store and version answers here: asked once, then remembered. */
    public StoreFlavour flavour() throws ElasticsearchRequestException, InterruptedException {
        StoreFlavour known = flavour;
        if (known == null) {
            JsonNode root;
            try {
                root = json("GET", "/");
            } catch (ElasticsearchRequestException e) {
                if (e.status() != 405) { // Elasticsearch's test distribution has no GET /
                    throw e;
                }
                root = null;
            }
            known = StoreFlavour.of(root, root != null && root.path("version").has("number") ? null
                    : json("GET", "/_nodes/_local", Map.of("filter_path", "nodes.*.version"), null));
            flavour = known;
        }
        return known;
    }

    /** Ready when the cluster answers a health request within {@link #HEALTH_DEADLINE}. */
    @Override
    public Optional<String> notReadyReason() {
        try {
            perform(new Request("GET", "/_cluster/health"), HEALTH_DEADLINE);
            return Optional.empty();
        } catch (ElasticsearchRequestException e) {
            if (e.status() == 401 || e.status() == 403) {
                return Optional.of("elasticsearch refused LogFlow's credentials (" + e.status() + "): check "
                        + "elasticsearch.username and password, api_key or bearer_token, and the user's privileges; "
                        + e.getMessage());
            }
            return Optional.of("elasticsearch " + (e.status() == ElasticsearchRequestException.NO_ANSWER
                    ? "unreachable" : "not ready") + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * Waits for the answer at most {@code deadline}, then gives up on the request: the low-level
     * client's own timeouts bound only the connection and the silence between packets.
     */
    private Response perform(Request request, Duration deadline) throws ElasticsearchRequestException, InterruptedException {
        String name = request.getMethod() + " " + request.getEndpoint();
        CompletableFuture<Response> answer = new CompletableFuture<>();
        Cancellable inFlight = client.performRequestAsync(request, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                answer.complete(response);
            }

            @Override
            public void onFailure(Exception failure) {
                answer.completeExceptionally(failure);
            }
        });
        Response response;
        try {
            response = answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            inFlight.cancel();
            throw new ElasticsearchRequestException(name, url,
                    new SocketTimeoutException("gave up after " + deadline.toSeconds() + " s"));
        } catch (InterruptedException e) {
            inFlight.cancel();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResponseException error) {
                response = error.getResponse(); // a 5xx: the client treats it as a failure
            } else {
                throw new ElasticsearchRequestException(name, url, WrongScheme.explain(e.getCause(), https));
            }
        }
        if (response.getStatusCode() >= 300) {
            String body = new String(bytesOf(request, response.getEntity()), StandardCharsets.UTF_8);
            throw new ElasticsearchRequestException(name, url, response.getStatusCode(), body);
        }
        return response;
    }

    private byte[] bytesOf(Request request, HttpEntity entity) throws ElasticsearchRequestException {
        try {
            return entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
        } catch (IOException e) {
            throw new ElasticsearchRequestException(request.getMethod() + " " + request.getEndpoint(), url, e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
