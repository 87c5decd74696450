package io.logflow.storagewriter;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.http.Readiness;
import io.logflow.core.log.LogStorage;
import io.logflow.core.http.StageServer;
import io.logflow.core.kafka.ConsumerSession;
import io.logflow.core.kafka.KafkaClientProperties;
import io.logflow.core.kafka.KafkaReadiness;
import io.logflow.core.kafka.SessionConsumer;
import io.logflow.core.kafka.StageInstance;
import io.logflow.core.kafka.StaticMemberConsumer;
import io.logflow.core.retry.Backoff;
import io.logflow.core.metrics.StageMeters;
import io.logflow.core.metrics.StageMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The storage writer's object graph: parsed logs in, Elasticsearch documents and dead letters out. */
public final class StorageWriterStage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorageWriterStage.class);

    private final List<ConsumerSession> sessions;
    private final List<Thread> threads;
    private final TemplateInstallation template;
    private final StageServer server;
    private final KafkaReadiness kafka;
    private final LogIndex index;
    private final ScheduledExecutorService retention;

    private StorageWriterStage(List<ConsumerSession> sessions, List<Thread> threads, TemplateInstallation template,
                               StageServer server, KafkaReadiness kafka, LogIndex index,
                               ScheduledExecutorService retention) {
        this.sessions = sessions;
        this.threads = threads;
        this.template = template;
        this.server = server;
        this.kafka = kafka;
        this.index = index;
        this.retention = retention;
    }

    public static StorageWriterStage start(LogFlowConfig config) {
        LogFlowConfig.StorageWriter settings = config.storageWriter();
        PrometheusMeterRegistry registry = StageMetrics.registry("storage-writer");
        ElasticsearchConnection elasticsearch = new ElasticsearchConnection(config.elasticsearch());
        LogStorage storage = LogStorage.of(settings);
        LogIndex index = new LogIndex(elasticsearch, storage);
        KafkaReadiness kafka = new KafkaReadiness(config.kafka(),
                List.of(config.kafka().topics().parsed(), config.kafka().topics().parsedDlq()));
        TemplateInstallation template = new TemplateInstallation(index, writerBackoff(settings));
        Readiness readiness = () -> kafka.notReadyReason().or(index::notReadyReason).or(template::notReadyReason);
        StageServer server = StageServer.start("storage-writer", config.http(), settings.httpPort(), registry, readiness);
        StorageWriterMetrics metrics = new StorageWriterMetrics(new StageMeters(registry));
        LogDocumentBuilder documents = new LogDocumentBuilder(storage, settings.version(), Clock.systemUTC());
        // several consumers, so that Elasticsearch indexes one bulk while the next is being read and built
        List<ConsumerSession> sessions = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= settings.consumers(); i++) {
            String instanceId = StageInstance.id("storage-writer", server.port()) + "-" + i;
            ConsumerSession session = new ConsumerSession("storage-writer", config.kafka().topics().parsed(),
                    () -> new StaticMemberConsumer(KafkaClientProperties.consumer(config.kafka(),
                            settings.groupId(), instanceId, settings.bulkMaxDocs())),
                    consumer -> openSession(config, index, documents, consumer, metrics),
                    new Backoff(1_000, 10_000, RandomGenerator.getDefault()), registry);
            sessions.add(session);
            threads.add(Thread.ofPlatform().name("storage-writer-session-" + i).start(() -> {
                try {
                    if (template.await()) {
                        session.run();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        ScheduledExecutorService retention = settings.retentionDays() > 0
                ? scheduleRetention(config, elasticsearch, settings.retentionDays()) : null;
        return new StorageWriterStage(sessions, threads, template, server, kafka, index, retention);
    }

    private static Backoff writerBackoff(LogFlowConfig.StorageWriter settings) {
        return new Backoff(settings.retryInitialBackoffMs(), settings.retryMaxBackoffMs(), RandomGenerator.getDefault());
    }

    /** A session's writer, with its own dead-letter producer and retry state. */
    private static BatchWriter openSession(LogFlowConfig config, LogIndex index, LogDocumentBuilder documents,
                                           SessionConsumer consumer, StorageWriterMetrics metrics) {
        LogFlowConfig.StorageWriter settings = config.storageWriter();
        PausedRetry retry = new PausedRetry(consumer, writerBackoff(settings), metrics);
        DeadLetterSender deadLetters = new DeadLetterSender(
                new KafkaProducer<>(KafkaClientProperties.producer(config.kafka(),
                        "logflow-storage-writer-dlq")),
                config.kafka().topics().parsedDlq(), retry, Clock.systemUTC());
        RetryingBulk bulk = new RetryingBulk(index, settings.bulkMaxBytes(), retry, metrics, Clock.systemUTC());
        return new BatchWriter(documents, bulk, deadLetters, retry, consumer, metrics);
    }

    /** Hourly, and once now: a data stream rolled over if a day old, indices older than the retention deleted. */
    private static ScheduledExecutorService scheduleRetention(LogFlowConfig config, ElasticsearchConnection elasticsearch,
                                                              int retentionDays) {
        IndexRetention retention = IndexRetention.of(elasticsearch, LogStorage.of(config.storageWriter()));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("index-retention").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                retention.rollOver();
                for (String expired : retention.expired(LocalDate.now(ZoneOffset.UTC), retentionDays)) {
                    retention.delete(expired);
                    log.atInfo().addKeyValue("index", expired).addKeyValue("retention_days", retentionDays)
                            .log("deleted an index older than the retention");
                }
            } catch (IOException | RuntimeException e) {
                log.atWarn().addKeyValue("reason", e.getMessage()).log("index retention failed; trying again in an hour");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, 1, TimeUnit.HOURS);
        return scheduler;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (retention != null) {
            retention.shutdownNow();
        }
        template.stop();
        sessions.forEach(ConsumerSession::stop);
        for (Thread thread : threads) {
            thread.join();
        }
        server.close();
        kafka.close();
        index.close();
    }
}
