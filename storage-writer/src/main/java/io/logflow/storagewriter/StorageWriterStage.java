package io.logflow.storagewriter;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.http.Readiness;
import io.logflow.core.http.StageServer;
import io.logflow.core.kafka.KafkaReadiness;
import io.logflow.core.kafka.StageInstance;
import io.logflow.core.metrics.StageMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.random.RandomGenerator;

/** The storage writer's object graph: parsed logs in, Elasticsearch documents and dead letters out. */
public final class StorageWriterStage implements AutoCloseable {

    private final StorageWriterLoop loop;
    private final Thread thread;
    private final StageServer server;
    private final KafkaReadiness kafka;
    private final LogIndex index;

    private StorageWriterStage(StorageWriterLoop loop, Thread thread, StageServer server, KafkaReadiness kafka,
                               LogIndex index) {
        this.loop = loop;
        this.thread = thread;
        this.server = server;
        this.kafka = kafka;
        this.index = index;
    }

    public static StorageWriterStage start(LogFlowConfig config) {
        LogFlowConfig.StorageWriter settings = config.storageWriter();
        PrometheusMeterRegistry registry = StageMetrics.registry("storage-writer");
        LogIndex index = new LogIndex(config.elasticsearch().url());
        KafkaReadiness kafka = new KafkaReadiness(config.kafka().bootstrapServers());
        Readiness readiness = () -> kafka.notReadyReason().or(index::notReadyReason);
        StageServer server = StageServer.start("storage-writer", settings.httpPort(), registry, readiness);
        Clock clock = Clock.systemUTC();
        StorageWriterLoop loop = new StorageWriterLoop(config, index,
                new LogDocumentBuilder(settings.indexPrefix(), settings.version(), clock),
                new Backoff(settings.retryInitialBackoffMs(), settings.retryMaxBackoffMs(), RandomGenerator.getDefault()),
                new StorageWriterMetrics(registry), clock, StageInstance.id("storage-writer", server.port()));
        Thread thread = Thread.ofPlatform().name("storage-writer-loop").start(loop);
        return new StorageWriterStage(loop, thread, server, kafka, index);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        loop.stop();
        thread.join();
        server.close();
        kafka.close();
        index.close();
    }
}
