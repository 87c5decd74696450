package io.logflow.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.json.Json;
import io.logflow.core.kafka.ToolAdmin;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The pipeline as its own endpoints and Kafka see it: each stage's {@code /health},
 * {@code /ready} and {@code /metrics} (the stage's counters; the page turns two looks into
 * rates), and the consumer lag of the parser's and the writer's groups per partition.
 */
final class PipelineStatus implements AutoCloseable {

    private static final List<String> PREFIXES = List.of("ingestor_", "parser_", "storage_writer_");

    private final LogFlowConfig config;
    private final Map<String, String> stages;
    private final StageProbe probe;
    private final ToolAdmin admin;

    /** @param stages each stage's name and base URL, e.g. {@code ingestor → http://127.0.0.1:8081} */
    PipelineStatus(LogFlowConfig config, Map<String, String> stages) {
        this.config = config;
        this.stages = stages;
        this.probe = new StageProbe(config.http().tls());
        this.admin = new ToolAdmin(config.kafka());
    }

    ObjectNode look() throws InterruptedException {
        ObjectNode status = Json.mapper().createObjectNode().put("at", Instant.now().toString());
        ArrayNode stagesOut = status.putArray("stages");
        stages.forEach((name, url) -> {
            ObjectNode stage = stagesOut.addObject().put("name", name).put("url", url);
            stage.set("health", probe.get(url + "/health"));
            stage.set("ready", probe.get(url + "/ready"));
            ObjectNode metrics = probe.get(url + "/metrics");
            stage.set("samples", Json.mapper().valueToTree(
                    PrometheusText.samples(metrics.path("body").asText(""), PREFIXES)));
        });
        ArrayNode lag = status.putArray("lag");
        try {
            lag(lag, config.parser().groupId(), config.kafka().topics().raw());
            lag(lag, config.storageWriter().groupId(), config.kafka().topics().parsed());
        } catch (ExecutionException | RuntimeException e) {
            status.put("lag_error", "Kafka did not say the consumer lag: " + e.getMessage());
        }
        return status;
    }

    private void lag(ArrayNode out, String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.call(kafka ->
                kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        List<TopicPartition> partitions = admin.call(kafka -> kafka.describeTopics(List.of(topic)).allTopicNames())
                .get(topic).partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        var ends = admin.call(kafka -> kafka.listOffsets(partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()))).all());
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata at = committed.get(partition);
            long end = ends.get(partition).offset();
            long position = at == null ? 0 : at.offset();
            out.addObject().put("group", group).put("topic", topic).put("partition", partition.partition())
                    .put("committed", position).put("end", end).put("lag", Math.max(0, end - position));
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
