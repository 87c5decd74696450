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
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** The storage writer's object graph: parsed logs in, Elasticsearch documents and dead letters out. */
public final class StorageWriterStage implements AutoCloseable {

    private final List<StorageWriterLoop> loops;
    private final List<Thread> threads;
    private final StageServer server;
    private final KafkaReadiness kafka;
    private final LogIndex index;

    private StorageWriterStage(List<StorageWriterLoop> loops, List<Thread> threads, StageServer server,
                               KafkaReadiness kafka, LogIndex index) {
        this.loops = loops;
        this.threads = threads;
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
        return new StorageWriterStage(loops, threads, server, kafka, index);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        loops.forEach(StorageWriterLoop::stop);
        for (Thread thread : threads) {
            thread.join();
        }
        server.close();
        kafka.close();
        index.close();
    }
}
