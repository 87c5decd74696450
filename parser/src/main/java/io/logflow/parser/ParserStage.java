package io.logflow.parser;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.http.StageServer;
import io.logflow.core.kafka.KafkaReadiness;
import io.logflow.core.kafka.StageInstance;
import io.logflow.core.log.LogNormalizer;
import io.logflow.core.metrics.StageMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/** The parser's object graph: raw logs in, parsed logs and dead letters out, in transactions. */
public final class ParserStage implements AutoCloseable {

    private final ParserLoop loop;
    private final Thread thread;
    private final StageServer server;
    private final KafkaReadiness readiness;

    private ParserStage(ParserLoop loop, Thread thread, StageServer server, KafkaReadiness readiness) {
        this.loop = loop;
        this.thread = thread;
        this.server = server;
        this.readiness = readiness;
    }

    public static ParserStage start(LogFlowConfig config) {
        PrometheusMeterRegistry registry = StageMetrics.registry("parser");
        KafkaReadiness readiness = new KafkaReadiness(config.kafka().bootstrapServers());
        StageServer server = StageServer.start("parser", config.parser().httpPort(), registry, readiness);
        LogFlowConfig.Topics topics = config.kafka().topics();
        LogNormalizer normalizer = new LogNormalizer(config.parser().version());
        ParserLoop loop = new ParserLoop(config, StageInstance.id("parser", server.port()),
                rawTopicId -> new RawLogParser(normalizer, rawTopicId, topics.parsed(), topics.rawDlq(), Clock.systemUTC()),
                new ParserMetrics(registry));
        Thread thread = Thread.ofPlatform().name("parser-loop").start(loop);
        return new ParserStage(loop, thread, server, readiness);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() throws InterruptedException {
        loop.stop();
        thread.join();
        server.close();
        readiness.close();
    }
}
