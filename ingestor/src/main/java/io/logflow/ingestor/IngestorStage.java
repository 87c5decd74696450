package io.logflow.ingestor;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.http.JsonResponse;
import io.logflow.core.http.ApiServer;
import io.logflow.core.kafka.KafkaClientProperties;
import io.logflow.core.kafka.KafkaReadiness;
import io.logflow.core.log.LogLevel;
import io.logflow.core.log.LogValidator;
import io.logflow.core.metrics.StageMeters;
import io.logflow.core.metrics.StageMetrics;
import io.logflow.ingestor.door.IngestAuthenticator;
import io.logflow.ingestor.elasticsearch.FieldNames;
import io.logflow.ingestor.otlp.OtlpLogMapper;
import io.logflow.ingestor.otlp.OtlpLogsInput;
import io.logflow.ingestor.otlp.OtlpRoute;
import io.logflow.ingestor.elasticsearch.ElasticsearchAnswers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ingestor's object graph: HTTP in, validation, the Kafka producer. */
public final class IngestorStage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestorStage.class);

    private final Producer<byte[], byte[]> producer;
    private final RawLogPublisher publisher;
    private final KafkaReadiness readiness;
    private final ApiServer server;
    private final RequestGate gate;
    private final Duration drainTimeout;

    private IngestorStage(Producer<byte[], byte[]> producer, RawLogPublisher publisher, KafkaReadiness readiness,
                          ApiServer server, RequestGate gate, Duration drainTimeout) {
        this.producer = producer;
        this.publisher = publisher;
        this.readiness = readiness;
        this.server = server;
        this.gate = gate;
        this.drainTimeout = drainTimeout;
    }

    public static IngestorStage start(LogFlowConfig config) {
        return start(config, new KafkaProducer<>(producerProperties(config)));
    }

    public static IngestorStage start(LogFlowConfig config, Producer<byte[], byte[]> producer) {
        LogFlowConfig.Ingestor settings = config.ingestor();
        PrometheusMeterRegistry registry = StageMetrics.registry("ingestor");
        new KafkaClientMetrics(producer).bindTo(registry);
        LogValidator validator = new LogValidator(settings.maxBodyBytes());
        RequestGate gate = new RequestGate();
        RawLogPublisher publisher = new RawLogPublisher(producer, config.kafka().topics().raw(),
                Duration.ofMillis(settings.kafkaTimeoutMs()), settings.maxInFlightBytes());
        IngestorMetrics metrics = new IngestorMetrics(new StageMeters(registry));
        RequestMemory memory = new RequestMemory(settings.maxRequestMemoryBytes(), metrics.memoryRefusals);
        Gauge.builder("ingestor.request.memory", memory, RequestMemory::held).baseUnit("bytes")
                .description("bytes the requests in progress hold (bodies and the logs made from them)")
                .register(registry);
        IngestHandler ingest = new IngestHandler(new LogAcceptor(validator, publisher, metrics), metrics,
                settings.retryAfterSeconds(), gate, memory, settings.batchMaxLogs(), settings.batchMaxBytes());
        OtlpRoute otlp = new OtlpRoute(new OtlpLogsInput(new LogAcceptor(validator, publisher, metrics),
                new OtlpLogMapper(settings.maxBodyBytes(), IngestorStage::nowNanos), metrics, settings.batchMaxBytes(),
                settings.batchMaxLogs(), settings.retryAfterSeconds()), gate, memory, settings.batchMaxBytes(),
                settings.retryAfterSeconds());
        ElasticsearchInput elasticsearch = new ElasticsearchInput(new LogAcceptor(validator, publisher, metrics),
                new ElasticsearchAnswers(settings.elasticsearchVersion()), FieldNames.of(settings.fields()), metrics, gate,
                memory, settings.batchMaxBytes(), settings.retryAfterSeconds());
        IngestDoor door = new IngestDoor(settings.apiKeysFile().isEmpty() ? null
                : new IngestAuthenticator(Path.of(settings.apiKeysFile()), Duration.ofSeconds(1), System::nanoTime),
                metrics.authFailures);
        Map<String, Object> rules = validationRules(settings);
        KafkaReadiness readiness = new KafkaReadiness(config.kafka(),
                List.of(config.kafka().topics().raw()));
        SingleLogInput single = new SingleLogInput(validator, publisher, metrics, gate, memory, door,
                settings.retryAfterSeconds());
        ApiServer server = ApiServer.start("ingestor", config.http(), settings.httpPort(), registry, readiness,
                settings.batchMaxBytes(), Duration.ofMillis(settings.requestTimeoutMs()), single, routes -> {
                    routes.post("/logs", door.guard(IngestDoor.Answer.JSON, ingest::ingestBatch));
                    routes.post("/v1/logs", door.guard(IngestDoor.Answer.OTLP, otlp::export));
                    routes.get("/validation-rules", ctx -> JsonResponse.send(ctx, 200, rules));
                    elasticsearch.addRoutes(routes, handler -> door.guard(IngestDoor.Answer.ELASTICSEARCH, handler));
                });
        return new IngestorStage(producer, publisher, readiness, server, gate, Duration.ofMillis(settings.drainTimeoutMs()));
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static Properties producerProperties(LogFlowConfig config) {
        long deadlineMs = config.ingestor().kafkaTimeoutMs();
        Properties props = KafkaClientProperties.producer(config.kafka(), "logflow-ingestor");
        // the producer gives up on a record at the same deadline as the request waiting for it
        long lingerMs = Long.parseLong(String.valueOf(props.get(ProducerConfig.LINGER_MS_CONFIG)));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deadlineMs);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deadlineMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, deadlineMs - lingerMs));
        return props;
    }

    private static Map<String, Object> validationRules(LogFlowConfig.Ingestor settings) {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("max_message_size", settings.maxBodyBytes());
        rules.put("required_fields", LogValidator.REQUIRED_FIELDS);
        rules.put("valid_log_levels", LogLevel.ACCEPTED);
        rules.put("timestamp_format", "RFC3339 or ISO 8601");
        return rules;
    }

    public int port() {
        return server.port();
    }

    /** Finishes the requests in flight (new ones get a 503), then flushes and closes the producer. */
    @Override
    public void close() {
        try {
            if (!gate.drain(drainTimeout)) {
                log.atWarn().addKeyValue("timeout_ms", drainTimeout.toMillis())
                        .log("requests still in flight after the drain timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        producer.close(drainTimeout);
        publisher.close();
        readiness.close();
    }
}
