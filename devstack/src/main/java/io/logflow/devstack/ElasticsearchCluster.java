package io.logflow.devstack;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Several real Elasticsearch nodes on this machine forming one cluster: each with its own
 * ports, config, data and logs, finding the others through {@code discovery.seed_hosts}.
 * An index's replica lives on another node than its primary, so one node may die without
 * losing what it held. With two nodes, Elasticsearch keeps one of them out of the voting
 * configuration: the cluster survives the loss of that one ({@link #notMaster()}), not of
 * its master.
 */
public final class ElasticsearchCluster implements AutoCloseable {

    private final List<ElasticsearchNode> nodes;

    private ElasticsearchCluster(List<ElasticsearchNode> nodes) {
        this.nodes = nodes;
    }

    /**
     * @param home           an extracted distribution ({@link ElasticsearchHome}), shared read-only
     * @param ports          each node's HTTP port
     * @param transportPorts each node's transport port, as many
     */
    public static ElasticsearchCluster of(Path home, Path dir, List<Integer> ports, List<Integer> transportPorts) {
        String seeds = transportPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
        String names = IntStream.rangeClosed(1, ports.size()).mapToObj(ElasticsearchCluster::nodeName)
                .collect(Collectors.joining(","));
        return new ElasticsearchCluster(IntStream.range(0, ports.size()).mapToObj(n -> new ElasticsearchNode(home,
                dir.resolve(nodeName(n + 1)), ports.get(n), transportPorts.get(n), List.of(
                        "cluster.name=logflow-devstack",
                        "node.name=" + nodeName(n + 1),
                        "discovery.seed_hosts=" + seeds,
                        // read only when the cluster forms for the first time
                        "cluster.initial_master_nodes=" + names))).toList());
    }

    private static String nodeName(int n) {
        return "logflow-es-" + n;
    }

    /** Starts every node at once (the first election needs them all) and returns when all answer. */
    public void start() {
        AtOnce.run(nodes.stream().<Runnable>map(node -> node::start).toList());
    }

    /** Every node's address, comma-separated, as {@code elasticsearch.url} takes them. */
    public String urls() {
        return nodes.stream().map(ElasticsearchNode::url).collect(Collectors.joining(","));
    }

    /** Node {@code n}, from 1. */
    public ElasticsearchNode node(int n) {
        return nodes.get(n - 1);
    }

    public int size() {
        return nodes.size();
    }

    /** The number (from 1) of a node that is not the elected master: the one whose loss the cluster survives. */
    public int notMaster() {
        String master = ask(node(1), "/_cat/master?h=node").strip();
        return IntStream.rangeClosed(1, nodes.size()).filter(n -> !nodeName(n).equals(master)).findFirst()
                .orElseThrow(() -> new DevStackException("no node other than the master " + master));
    }

    /** The cluster's health ({@code green}, {@code yellow}, {@code red}), as node {@code n} sees it. */
    public String health(int n) {
        return ask(node(n), "/_cat/health?h=status").strip();
    }

    private static String ask(ElasticsearchNode node, String path) {
        try {
            HttpResponse<String> response = node.httpClient().send(node.request(path).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new DevStackException("Elasticsearch at " + node.url() + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new DevStackException("Elasticsearch at " + node.url() + " did not answer " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("interrupted while asking Elasticsearch", e);
        }
    }

    public void stop() {
        AtOnce.run(nodes.stream().<Runnable>map(node -> node::stop).toList());
    }

    @Override
    public void close() {
        stop();
    }
}
