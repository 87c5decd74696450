package io.logflow.storagewriter;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.elasticsearch.ElasticsearchConnection;
import io.logflow.core.http.Readiness;
import io.logflow.core.http.StageServer;
import io.logflow.core.kafka.KafkaReadiness;
import io.logflow.core.kafka.StageInstance;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The storage writer's object graph: parsed logs in, Elasticsearch documents and dead letters out. */
public final class StorageWriterStage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StorageWriterStage.class);

    private final List<StorageWriterLoop> loops;
    private final List<Thread> threads;
    private final StageServer server;
    private final KafkaReadiness kafka;
    private final LogIndex index;
    private final ScheduledExecutorService retention;

    private StorageWriterStage(List<StorageWriterLoop> loops, List<Thread> threads, StageServer server,
                               KafkaReadiness kafka, LogIndex index, ScheduledExecutorService retention) {
        this.retention = retention;
        this.loops = loops;
        this.threads = threads;
        this.server = server;
        this.kafka = kafka;
        this.index = index;
    }

    public static StorageWriterStage start(LogFlowConfig config) {
        LogFlowConfig.StorageWriter settings = config.storageWriter();
        PrometheusMeterRegistry registry = StageMetrics.registry("storage-writer");
        ElasticsearchConnection elasticsearch = new ElasticsearchConnection(config.elasticsearch());
        LogIndex index = new LogIndex(elasticsearch);
        KafkaReadiness kafka = new KafkaReadiness(config.kafka().bootstrapServers());
        Readiness readiness = () -> kafka.notReadyReason().or(index::notReadyReason);
        StageServer server = StageServer.start("storage-writer", settings.httpPort(), registry, readiness);
        Clock clock = Clock.systemUTC();
        StorageWriterMetrics metrics = new StorageWriterMetrics(registry);
        LogDocumentBuilder documents = new LogDocumentBuilder(settings.indexPrefix(), settings.version(), clock);
        // several consumers, so that Elasticsearch indexes one bulk while the next is being read and built
        List<StorageWriterLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= settings.consumers(); i++) {
            StorageWriterLoop loop = new StorageWriterLoop(config, index, documents,
                    new Backoff(settings.retryInitialBackoffMs(), settings.retryMaxBackoffMs(), RandomGenerator.getDefault()),
                    metrics, clock, StageInstance.id("storage-writer", server.port()) + "-" + i);
            loops.add(loop);
            threads.add(Thread.ofPlatform().name("storage-writer-loop-" + i).start(loop));
        }
        ScheduledExecutorService retention = settings.retentionDays() > 0
                ? scheduleRetention(config, elasticsearch, settings.retentionDays()) : null;
        return new StorageWriterStage(loops, threads, server, kafka, index, retention);
    }

    /** Hourly, and once now: daily indices older than the retention are deleted. */
    private static ScheduledExecutorService scheduleRetention(LogFlowConfig config, ElasticsearchConnection elasticsearch,
                                                              int retentionDays) {
        IndexRetention retention = new IndexRetention(elasticsearch, config.storageWriter().indexPrefix());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("index-retention").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
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
        loops.forEach(StorageWriterLoop::stop);
        for (Thread thread : threads) {
            thread.join();
        }
        server.close();
        kafka.close();
        index.close();
    }
}
