package io.logflow.cli;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.kafka.topics.KafkaTopics;
import io.logflow.core.kafka.topics.TopicFinding;
import io.logflow.core.kafka.topics.TopicSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code logflow topics create | check}: LogFlow's topics on a real cluster. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create LogFlow's topics, or check them against the configuration (kafka.partitions, "
                + "kafka.replication_factor, kafka.min_insync_replicas).",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.Check.class})
final class TopicsCommand {

    /** The topics as the configuration wants them on this cluster, with a line saying so. */
    private static List<TopicSpec> wanted(LogFlowConfig config, KafkaTopics topics, PrintWriter out)
            throws InterruptedException {
        int brokers = topics.brokers();
        List<TopicSpec> specs = TopicSpec.all(config.kafka(), brokers);
        out.println("Kafka at " + config.kafka().bootstrapServers() + ": " + brokers + " broker" + (brokers == 1 ? "" : "s")
                + "; replication factor " + specs.getFirst().replicationFactor()
                + (specs.getFirst().replicationFactor() < config.kafka().replicationFactor()
                        ? " (kafka.replication_factor is " + config.kafka().replicationFactor() + ", capped at the brokers)"
                        : "")
                + ", min.insync.replicas " + specs.getFirst().minInsyncReplicas());
        return specs;
    }

    /** What both sub-commands share: the configuration, the cluster, the wanted topics and the report. */
    abstract static class OnTopics implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            LogFlowConfig settings = config.load();
            try (KafkaTopics topics = new KafkaTopics(settings.kafka())) {
                List<TopicSpec> specs = wanted(settings, topics, out);
                act(specs, topics, out);
                return report(specs, topics, out);
            }
        }

        abstract void act(List<TopicSpec> specs, KafkaTopics topics, PrintWriter out) throws InterruptedException;

        private static int report(List<TopicSpec> specs, KafkaTopics topics, PrintWriter out) throws InterruptedException {
            List<TopicFinding> findings = TopicFinding.compare(specs,
                    topics.describe(specs.stream().map(TopicSpec::name).toList()));
            for (TopicFinding finding : findings) {
                out.println("  " + finding.topic() + " " + finding.problem() + "\n    fix: " + finding.fix());
            }
            out.println(findings.isEmpty() ? "topics OK: " + String.join(", ", specs.stream().map(TopicSpec::name).toList())
                    : findings.size() + " problem" + (findings.size() == 1 ? "" : "s") + " with the topics");
            return findings.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create the topics that are missing; add partitions and raise min.insync.replicas where "
                    + "they are below the configuration. Never removes or lowers anything; safe to run again."})
    static final class Create extends OnTopics {

        @Override
        void act(List<TopicSpec> specs, KafkaTopics topics, PrintWriter out) throws InterruptedException {
            List<String> done = topics.create(specs);
            done.forEach(out::println);
            if (done.isEmpty()) {
                out.println("every topic already exists: nothing to create");
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Compare the topics with the configuration and say what differs and how to mend it.",
                    "Exits 0 when every topic is as configured, 1 otherwise."})
    static final class Check extends OnTopics {

        @Override
        void act(List<TopicSpec> specs, KafkaTopics topics, PrintWriter out) {
            // checking is the report every sub-command ends with
        }
    }
}
