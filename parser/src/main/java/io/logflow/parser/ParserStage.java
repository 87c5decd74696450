package io.logflow.parser;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.http.StageServer;
import io.logflow.core.kafka.ConsumerSession;
import io.logflow.core.kafka.KafkaClientProperties;
import io.logflow.core.kafka.KafkaReadiness;
import io.logflow.core.kafka.SessionConsumer;
import io.logflow.core.kafka.StageInstance;
import io.logflow.core.kafka.StaticMemberConsumer;
import io.logflow.core.kafka.TopicIds;
import io.logflow.core.log.LogNormalizer;
import io.logflow.core.metrics.StageMeters;
import io.logflow.core.metrics.StageMetrics;
import io.logflow.core.retry.Backoff;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The parser's object graph: raw logs in, parsed logs and dead letters out, in transactions. */
public final class ParserStage implements AutoCloseable {

    private final ConsumerSession session;
    private final Thread thread;
    private final StageServer server;
    private final KafkaReadiness readiness;

    private ParserStage(ConsumerSession session, Thread thread, StageServer server, KafkaReadiness readiness) {
        this.session = session;
        this.thread = thread;
        this.server = server;
        this.readiness = readiness;
    }

    public static ParserStage start(LogFlowConfig config) {
        PrometheusMeterRegistry registry = StageMetrics.registry("parser");
        KafkaReadiness readiness = new KafkaReadiness(config.kafka(),
                List.of(config.kafka().topics().raw(), config.kafka().topics().parsed(), config.kafka().topics().rawDlq()));
        StageServer server = StageServer.start("parser", config.http(), config.parser().httpPort(), registry, readiness);
        // also the consumer's static group instance id
        String transactionalId = StageInstance.id("parser", server.port());
        ParserMetrics metrics = new ParserMetrics(new StageMeters(registry));
        LogNormalizer normalizer = new LogNormalizer(config.parser().version());
        ConsumerSession session = new ConsumerSession("parser", config.kafka().topics().raw(),
                () -> new StaticMemberConsumer(KafkaClientProperties.consumer(config.kafka(), config.parser().groupId(),
                        transactionalId, 2000)),
                consumer -> openSession(config, transactionalId, normalizer, consumer, metrics),
                new Backoff(1_000, 10_000, RandomGenerator.getDefault()), registry);
        Thread thread = Thread.ofPlatform().name("parser-session").start(session);
        return new ParserStage(session, thread, server, readiness);
    }

    /** A transactional producer per session: a fenced one cannot be used again. */
    private static TransactionalParser openSession(LogFlowConfig config, String transactionalId,
                                                   LogNormalizer normalizer, SessionConsumer consumer,
                                                   ParserMetrics metrics) {
        LogFlowConfig.Topics topics = config.kafka().topics();
        // the raw topic's id is looked up per session: a re-created topic gets new ids
        RawLogParser parser = new RawLogParser(normalizer, TopicIds.idOf(config.kafka(), topics.raw()), topics.parsed(),
                topics.rawDlq(), Clock.systemUTC());
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaClientProperties.transactionalProducer(config.kafka(), transactionalId));
        try {
            return new TransactionalParser(parser, producer, consumer, metrics);
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() throws InterruptedException {
        session.stop();
        thread.join();
        server.close();
        readiness.close();
    }
}
