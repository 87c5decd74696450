package io.logflow.ingestor;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.logflow.ingestor.elasticsearch.BulkAnswer;
import io.logflow.ingestor.elasticsearch.BulkRequest;
import io.logflow.ingestor.elasticsearch.ElasticsearchAnswers;
import io.logflow.ingestor.elasticsearch.ElasticsearchAnswers.Answer;
import io.logflow.ingestor.elasticsearch.FieldNames;
import io.logflow.ingestor.elasticsearch.ShipperDocument;
import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.zip.ZipException;

/**
 * The Elasticsearch-compatible input: the ingestor's URL is what a shipper is given as
 * its Elasticsearch. {@code _bulk} documents are mapped onto raw logs
 * ({@link ShipperDocument}) and go through the one accept path ({@link LogAcceptor});
 * the calls shippers make around it are answered as Elasticsearch would
 * ({@link ElasticsearchAnswers}). This class only joins those to HTTP.
 */
final class ElasticsearchInput {

    static final String DEFAULT_INDEX = "logs";

    private final LogAcceptor acceptor;
    private final ElasticsearchAnswers answers;
    private final FieldNames fieldNames;
    private final IngestorMetrics metrics;
    private final RequestGate gate;
    private final RequestMemory memory;
    private final int maxBodyBytes;
    private final int retryAfterSeconds;

    /** @param fieldNames the configured names of a document's fields; a request's own win */
    ElasticsearchInput(LogAcceptor acceptor, ElasticsearchAnswers answers, FieldNames fieldNames, IngestorMetrics metrics,
                       RequestGate gate, RequestMemory memory, int maxBodyBytes, int retryAfterSeconds) {
        this.acceptor = acceptor;
        this.answers = answers;
        this.fieldNames = fieldNames;
        this.metrics = metrics;
        this.gate = gate;
        this.memory = memory;
        this.maxBodyBytes = maxBodyBytes;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @param door wraps each handler: every call a shipper makes, the handshake too, needs its key */
    void addRoutes(RoutesConfig routes, UnaryOperator<Handler> door) {
        Handler bulk = door.apply(this::bulk);
        for (String path : List.of("/_bulk", "/{index}/_bulk")) {
            routes.post(path, bulk);
            routes.put(path, bulk);
        }
        Handler banner = door.apply(ctx -> send(ctx, answers.banner()));
        routes.get("/", banner);
        routes.head("/", banner);
        routes.get("/_license", door.apply(ctx -> send(ctx, answers.license())));
        Handler health = door.apply(ctx -> send(ctx, answers.clusterHealth()));
        routes.get("/_cluster/health", health);
        routes.get("/_cluster/health/{index}", health);
        routes.get("/_cat/health", door.apply(ctx -> send(ctx, answers.catHealth(
                "json".equals(ctx.queryParam("format")), Instant.now()))));
        Handler acknowledged = door.apply(ctx -> send(ctx, answers.acknowledged()));
        for (String prefix : ElasticsearchAnswers.ACKNOWLEDGED) {
            for (String path : List.of("/" + prefix, "/" + prefix + "/<rest>")) {
                routes.get(path, acknowledged);
                routes.head(path, acknowledged);
                routes.put(path, acknowledged);
                routes.post(path, acknowledged);
            }
        }
    }

    /** {@code POST|PUT /_bulk}, {@code /{index}/_bulk}: 200 with an item per action once Kafka acknowledged. */
    void bulk(Context ctx) {
        IngestHandler.correlate(ctx);
        if (!gate.enter()) {
            unavailable(ctx, "the ingestor is shutting down");
            return;
        }
        try (RequestMemory.Lease lease = memory.lease()) {
            long started = System.nanoTime();
            decoded(ctx, lease).ifPresent(request -> send(ctx, bulk(ctx, request, started)));
        } finally {
            gate.exit();
        }
    }

    /**
     * The request decoded, or empty after answering why not. The body is dropped once it is
     * decoded: the documents, then the raw logs mapped from them, take its place.
     */
    private Optional<BulkRequest> decoded(Context ctx, RequestMemory.Lease lease) {
        byte[] body = readBody(ctx, lease).orElse(null);
        if (body == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(BulkRequest.decode(body, ctx.pathParamMap().get("index")));
        } catch (BulkRequest.MalformedBulkException e) {
            metrics.invalid.increment();
            send(ctx, ElasticsearchAnswers.error(400, "illegal_argument_exception", e.getMessage()));
        }
        return Optional.empty();
    }

    private Answer bulk(Context ctx, BulkRequest request, long started) {
        UnaryOperator<String> arguments = name -> Optional.ofNullable(ctx.queryParam(name)).orElse(ctx.header(name));
        List<BulkAnswer.Item> items = ingest(request, fieldNames.overriddenBy(arguments),
                IngestHandler.correlationId(ctx));
        if (items.stream().anyMatch(item -> item.status() == 429)
                && items.stream().noneMatch(item -> item.status() < 300)) {
            ctx.header("Retry-After", Integer.toString(retryAfterSeconds));
            return ElasticsearchAnswers.error(503, "unavailable_shards_exception",
                    "Kafka did not take the documents: " + items.stream().filter(item -> item.status() == 429)
                            .findFirst().map(BulkAnswer.Item::reason).orElse(""));
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        return new Answer(200, "application/json", BulkAnswer.encode(items, tookMillis, DEFAULT_INDEX));
    }

    /** Each action's item, in order: documents mapped and accepted together, the others answered alone. */
    private List<BulkAnswer.Item> ingest(BulkRequest request, FieldNames names, String correlationId) {
        Instant arrivedAt = Instant.now();
        List<BulkRequest.Action> actions = request.actions();
        BulkAnswer.Item[] items = new BulkAnswer.Item[actions.size()];
        List<byte[]> rawLogs = new ArrayList<>(actions.size());
        List<String> clientKeys = new ArrayList<>(actions.size());
        List<Integer> positions = new ArrayList<>(actions.size());
        for (int position = 0; position < actions.size(); position++) {
            BulkRequest.Action action = actions.get(position);
            if (!action.carriesLog()) {
                items[position] = BulkAnswer.Item.failed(action, 400, "illegal_argument_exception",
                        "LogFlow stores logs: the [" + action.operation() + "] action is not supported");
                continue;
            }
            metrics.received("bulk", 1);
            ShipperDocument.Mapped mapped = ShipperDocument.map(action.document(), names, arrivedAt);
            if (mapped.error() != null) {
                metrics.invalid.increment();
                items[position] = BulkAnswer.Item.failed(action, 400, "document_parsing_exception", mapped.error());
                continue;
            }
            rawLogs.add(mapped.rawLog());
            clientKeys.add(action.id() == null || action.id().length() > ClientKey.MAX_NAME_CHARACTERS ? null
                    : ClientKey.forBulk(action.index(), action.id()));
            positions.add(position);
        }
        List<LogAcceptor.Verdict> verdicts = acceptor.accept(rawLogs, clientKeys, correlationId);
        for (int i = 0; i < verdicts.size(); i++) {
            items[positions.get(i)] = item(actions.get(positions.get(i)), verdicts.get(i));
        }
        return List.of(items);
    }

    /** The item of an action whose document went through the accept path. */
    private static BulkAnswer.Item item(BulkRequest.Action action, LogAcceptor.Verdict verdict) {
        if (verdict.accepted()) {
            return BulkAnswer.Item.created(action,
                    action.id() != null ? action.id() : verdict.record().partition() + "-" + verdict.record().offset(),
                    verdict.record().offset());
        }
        if (verdict.rejected()) {
            return BulkAnswer.Item.failed(action, 400, "illegal_argument_exception",
                    verdict.errors().stream().map(error -> error.field() + ": " + error.message())
                            .collect(Collectors.joining("; ")));
        }
        return BulkAnswer.Item.failed(action, 429, "es_rejected_execution_exception", verdict.unavailable());
    }

    /** The (decompressed) body, or empty after answering why there is none. */
    private Optional<byte[]> readBody(Context ctx, RequestMemory.Lease lease) {
        try {
            // the documents decoded beside the body, then the raw logs mapped beside them
            Optional<byte[]> body = RequestBody.readAtMost(ctx, maxBodyBytes, lease, 2);
            body.ifPresent(bytes -> metrics.requestBytes.record(bytes.length));
            if (body.isEmpty()) {
                metrics.invalid.increment();
                send(ctx, ElasticsearchAnswers.error(413, "request_entity_too_large",
                        "the bulk body exceeds the limit of " + maxBodyBytes + " bytes"));
            }
            return body;
        } catch (RequestMemory.Exhausted e) {
            send(ctx, refusal(ctx, e));
        } catch (ZipException | EOFException e) {
            send(ctx, ElasticsearchAnswers.error(400, "parse_exception", "the gzip body is corrupt: " + e.getMessage()));
        } catch (IOException e) {
            send(ctx, ElasticsearchAnswers.error(408, "timeout_exception",
                    "the request body did not arrive: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** As Elasticsearch answers indexing over its indexing pressure limit: 429, or 413 for a request too large alone. */
    private Answer refusal(Context ctx, RequestMemory.Exhausted e) {
        RequestBody.discardAtMost(ctx, maxBodyBytes);
        if (e.alone()) {
            return ElasticsearchAnswers.error(413, "request_entity_too_large", e.getMessage());
        }
        ctx.header("Retry-After", Integer.toString(retryAfterSeconds));
        return ElasticsearchAnswers.error(429, "es_rejected_execution_exception", e.getMessage());
    }

    private void unavailable(Context ctx, String reason) {
        ctx.header("Retry-After", Integer.toString(retryAfterSeconds));
        send(ctx, ElasticsearchAnswers.error(503, "unavailable_shards_exception", reason));
    }

    /** Written before returning, like every ingest answer (see {@code JsonResponse.sendNow}). */
    static void send(Context ctx, Answer answer) {
        ctx.status(answer.status()).contentType(answer.contentType());
        ctx.header(ElasticsearchAnswers.PRODUCT_HEADER, ElasticsearchAnswers.PRODUCT);
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        ctx.res().setContentLength(answer.body().length);
        try {
            ctx.res().getOutputStream().write(answer.body());
            ctx.res().flushBuffer();
        } catch (IOException clientGone) {
            // nothing to tell a client that left; its logs' fate is in the verdicts already
        }
    }

}
