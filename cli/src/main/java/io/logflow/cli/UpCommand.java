package io.logflow.cli;

import io.logflow.console.ConsoleServer;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.devstack.ClusterPorts;
import io.logflow.devstack.DevStack;
import io.logflow.devstack.Ports;
import io.logflow.devstack.ServerArtifacts;
import io.logflow.devstack.Store;
import io.logflow.core.log.LogStorage;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code logflow up}: the whole pipeline on this machine. A real Kafka and a real
 * Elasticsearch on the ports the configuration names, the three stages beside them,
 * in the foreground until Ctrl-C.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start Kafka, Elasticsearch and the three stages on this machine; Ctrl-C stops everything.")
final class UpCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "where Kafka and Elasticsearch keep their data between runs (default: ./data)")
    Path dataDir;

    @Option(names = "--stages-only",
            description = "run only the three stages, against the Kafka and Elasticsearch named in the config")
    boolean stagesOnly;

    @Option(names = "--cluster",
            description = "a Kafka cluster of 3 nodes and an Elasticsearch cluster of 2 on this machine instead of one"
                    + " of each, the topics replicated 3 times (min.insync.replicas 2), to try failover: kill a node"
                    + " and watch; ports: Kafka's and each 2 above (controllers 1 above each), Elasticsearch's and 1 above")
    boolean cluster;

    @Option(names = "--http-host", paramLabel = "ADDRESS",
            description = "the address the three stages listen on (default: http.host when the configuration sets"
                    + " one other than 0.0.0.0, else 127.0.0.1, this machine only; 0.0.0.0 for every interface)")
    String httpHost;

    @Option(names = "--store", paramLabel = "STORE", defaultValue = "elasticsearch-9",
            description = "the store to start: elasticsearch-9 (default), elasticsearch-8, opensearch-2 or opensearch-3")
    String store;

    private final PrintStream out = System.err;

    @Override
    public Integer call() throws Exception {
        LogFlowConfig configured = config.load();
        // an all-in-one pipeline on a laptop is not for the network unless asked
        LogFlowConfig settings = configured.withHttpHost(httpHost != null ? httpHost
                : "0.0.0.0".equals(configured.http().host()) ? "127.0.0.1" : configured.http().host());
        if (stagesOnly) {
            Pipeline stages = Pipeline.start(settings);
            ConsoleServer console = ConsoleServer.start(settings, stages.addresses(settings));
            printWhereEverythingListens(settings, stages, console, null);
            UntilStopped.run(() -> {
                console.close();
                stages.close();
            });
            return 0;
        }
        int kafka = URI.create("kafka://" + settings.kafka().brokers().getFirst()).getPort();
        int elasticsearch = URI.create(settings.elasticsearch().url().split(",")[0].strip()).getPort();
        Path data = dataDir.toAbsolutePath().normalize();
        Consumer<String> progress = message -> out.println("logflow up: " + message);
        Pipeline stages;
        LogFlowConfig onStack;
        ConsoleServer console;
        if (cluster && Store.named(store) != Store.DEFAULT) {
            throw new IllegalArgumentException("--cluster runs " + Store.DEFAULT.title() + " only; drop --store " + store);
        }
        if (cluster) {
            ClusterDevStack stack = ClusterDevStack.start(settings, data,
                    ClusterPorts.around(kafka, elasticsearch, 3, 2), progress);
            onStack = stack.config();
            stages = stack.servers().closeFirst(startStages(onStack));
            console = stack.servers().closeFirst(ConsoleServer.start(onStack, stages.addresses(onStack)));
        } else {
            DevStack stack = DevStack.start(ServerArtifacts.locate(), data, Ports.around(kafka, elasticsearch), null,
                    settings.kafka().topics().all(), settings.kafka().partitions(), Store.named(store), List.of(),
                    Optional.empty(), progress);
            onStack = settings.withServers(stack.bootstrapServers(), stack.elasticsearchUrl());
            stages = stack.closeFirst(startStages(onStack));
            console = stack.closeFirst(ConsoleServer.start(onStack, stages.addresses(onStack)));
        }
        printWhereEverythingListens(onStack, stages, console, data);
        new CountDownLatch(1).await(); // until Ctrl-C: the devstack's shutdown hook stops everything
        return 0;
    }

    private Pipeline startStages(LogFlowConfig onStack) {
        out.println("logflow up: starting the ingestor, the parser and the storage writer ...");
        return Pipeline.start(onStack);
    }

    private void printWhereEverythingListens(LogFlowConfig settings, Pipeline stages, ConsoleServer console, Path data) {
        out.println();
        out.println("LogFlow is up.");
        String base = (settings.http().tls().enabled() ? "https://" : "http://")
                + ("0.0.0.0".equals(settings.http().host()) ? "127.0.0.1" : settings.http().host());
        out.printf("  ingestor        %s:%d/log   (health /health, ready /ready, metrics /metrics)%n", base,
                stages.ingestor().port());
        out.printf("  parser          %s:%d/metrics   (health /health, ready /ready)%n", base, stages.parser().port());
        out.printf("  storage writer  %s:%d/metrics   (health /health, ready /ready)%n", base,
                stages.storageWriter().port());
        out.printf("  console         %s   (search, follow a log, pipeline, dead letters, audit)%n", console.url());
        out.printf("  store           %s   (%s)%n", settings.elasticsearch().url(),
                LogStorage.of(settings.storageWriter()).describe());
        out.printf("  Kafka           %s   (topics %s)%n", settings.kafka().bootstrapServers(),
                String.join(", ", settings.kafka().topics().all()));
        if (data != null) {
            out.printf("  data            %s%n", data);
        }
        out.printf("  listening on    %s%s; API keys %s%n", settings.http().host(),
                "127.0.0.1".equals(settings.http().host()) ? " only (this machine; --http-host 0.0.0.0 opens it)"
                        : "0.0.0.0".equals(settings.http().host()) ? " (every interface)" : "",
                settings.ingestor().apiKeysFile().isEmpty() ? "off (anyone who reaches the ingestor may send)"
                        : "required (" + settings.ingestor().apiKeysFile() + ")");
        out.println("Press Ctrl-C to stop.");
        out.println();
    }
}
