package io.logflow.parser;

import io.logflow.core.kafka.CorrelationId;
import io.logflow.core.kafka.IngestTime;
import io.logflow.core.log.LogNormalizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The parser's CPU per log, without Kafka: 1,000 raw records of the benchmark's kind, with
 * the headers the ingestor puts on them, turned into parsed records in a loop. Not a
 * test: run it by hand, with JFR to see where the time goes (docs/benchmarks.md shows how).
 * The process's CPU includes the garbage collector's; the thread's is the parsing alone.
 */
public final class ParserCostProfile {

    private static final int LOGS = 1_000;
    private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();
    private static final List<String> SERVICES =
            List.of("api-gateway", "user-service", "payment-processor", "auth-service", "notification-sender");
    private static final List<String> LEVELS = List.of("INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG");

    private ParserCostProfile() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<ConsumerRecord<byte[], byte[]>> records = records();
        RawLogParser parser = new RawLogParser(new LogNormalizer("1.0.0"), "Zx8fQ1aLT5uGk3bLxA0d1w", "parsed_logs",
                "raw_logs_dlq", Clock.systemUTC());
        for (int pass = 0; pass <= passes; pass++) { // pass 0 is the warm-up
            long cpuBefore = cpuNanos();
            long threadBefore = THREAD.getCurrentThreadCpuTime();
            long bytes = 0;
            for (int round = 0; round < rounds; round++) {
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    bytes += parser.parse(record).record().value().length;
                }
            }
            System.out.printf("pass %d: %5.0f ns of CPU per log, %5.0f ns of them in this thread (%d bytes per parsed log)%n",
                    pass, (cpuNanos() - cpuBefore) / (double) rounds / LOGS,
                    (THREAD.getCurrentThreadCpuTime() - threadBefore) / (double) rounds / LOGS, bytes / rounds / LOGS);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The benchmark's raw logs (bench/BenchLogs), as the ingestor publishes them. */
    private static List<ConsumerRecord<byte[], byte[]>> records() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Instant timestamp = Instant.parse("2026-11-28T10:00:00.123Z");
        for (int n = 0; n < LOGS; n++) {
            String raw = "{\"timestamp\":\"" + timestamp.plusMillis(n) + "\",\"level\":\"" + LEVELS.get(n % LEVELS.size())
                    + "\",\"message\":\"request " + n + " completed in " + (n % 997) + " ms for user " + (n % 10_007)
                    + "\",\"service\":\"" + SERVICES.get(n % SERVICES.size()) + "\",\"metadata\":{\"host\":\"host-"
                    + (n % 7) + "\"}}";
            ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("raw_logs", n % 3, 1_000_000L + n, null,
                    raw.getBytes(StandardCharsets.UTF_8));
            record.headers().add(IngestTime.HEADER, IngestTime.encode(timestamp.toEpochMilli() + n));
            record.headers().add(CorrelationId.HEADER,
                    CorrelationId.encode("%032x".formatted(n * 0x9E3779B97F4A7C15L)));
            records.add(record);
        }
        return records;
    }
}
