package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.logflow.cli.LogFlowCommand;
import io.logflow.core.config.ConfigLoader;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.kafka.topics.TopicSpec;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * deploy/kubernetes rendered by kustomize (kubectl's), each object read into the Kubernetes
 * API's own model (fabric8) or Strimzi's, refusing any field the model does not have, and
 * then held against what LogFlow itself reads: its roles, options, ports and topics.
 */
class KubernetesManifestsIT {

    private static final Path PROJECT = Path.of(System.getProperty("logflow.project.dir")).toAbsolutePath().normalize();
    private static final Path KUBERNETES = PROJECT.resolve("deploy/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper STRICT = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Map<String, Class<?>> MODELS = Map.of(
            "Namespace", Namespace.class, "ConfigMap", ConfigMap.class, "Secret", Secret.class, "Service", Service.class,
            "Deployment", Deployment.class, "StatefulSet", StatefulSet.class, "Job", Job.class,
            "PodDisruptionBudget", PodDisruptionBudget.class, "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "KafkaTopic", KafkaTopic.class);
    /** The variables a pod may set beside LogFlow's options. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");
    /** A stage's peak RSS with cli/src/main/jvm/*.options: at most 200 MB (docs/benchmarks.md measured 188-198). */
    private static final long MEASURED_PEAK_BYTES = 200L * 1000 * 1000;

    @TempDir
    Path temp;

    @BeforeAll
    static void needsKubectl() {
        assumeTrue(onPath("kubectl"), "kubectl is not on the PATH: the Kubernetes manifests are not rendered "
                + "(kubectl with its built-in kustomize renders them; install it to run this test)");
    }

    @Test
    void everyKustomizationRendersObjectsOfTheirKubernetesAndStrimziSchemas() throws Exception {
        for (String target : List.of("base", "overlays/example", "strimzi-topics")) {
            List<JsonNode> objects = render(target);
            assertThat(objects).as(target).isNotEmpty();
            for (JsonNode object : objects) {
                String kind = object.path("kind").asText();
                String name = target + ": " + kind + " " + object.path("metadata").path("name").asText();
                if (kind.equals("ScaledObject")) {
                    checkScaledObjectSchema(name, object);
                    continue;
                }
                assertThat(MODELS).as(name + ": a kind this test knows").containsKey(kind);
                Object model = STRICT.treeToValue(object, MODELS.get(kind));
                @SuppressWarnings("unchecked")
                Class<? extends HasMetadata> type = (Class<? extends HasMetadata>) MODELS.get(kind);
                assertThat(object.path("apiVersion").asText()).as(name).isEqualTo(HasMetadata.getApiVersion(type));
                assertNoUnknownFields(name, model);
            }
        }
    }

    @Test
    void theBaseRunsEachRoleOnceWithTheRolesPortsProbesAndOptions() throws Exception {
        checkWorkloads(render("base"));
    }

    @Test
    void theExampleOverlayRunsEachRoleOnceWithTheRolesPortsProbesAndOptions() throws Exception {
        checkWorkloads(render("overlays/example"));
    }

    @Test
    void theImageRunsEveryRoleWithTheMeasuredJvmOptions() throws Exception {
        String dockerfile = Files.readString(PROJECT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("COPY --from=build /src/cli/target/jvm ./jvm")
                .contains("COPY --from=build /src/cli/src/main/image/entrypoint ./entrypoint")
                .containsPattern("ENTRYPOINT \\[\"/opt/logflow/entrypoint\"\\]")
                .as("the JIT's memory cap needs a JDK 22 or newer").containsPattern("(?m)^FROM eclipse-temurin:25-jre$");
        assertThat(Files.readAllLines(PROJECT.resolve("cli/src/main/jvm/stage.options")))
                .as("a bounded heap for the memory limits above").anyMatch(line -> line.startsWith("-Xmx"));
    }

    @Test
    void kedaScalesParserAndWriterOnTheLagOfTheGroupsAndTopicsTheyConsume() throws Exception {
        List<JsonNode> objects = render("overlays/example");
        LogFlowConfig config = configOf(objects);
        Map<String, String> roleOfStatefulSet = new HashMap<>();
        for (JsonNode object : ofKind(objects, "StatefulSet")) {
            StatefulSet set = STRICT.treeToValue(object, StatefulSet.class);
            roleOfStatefulSet.put(set.getMetadata().getName(), set.getSpec().getTemplate().getSpec().getContainers().getFirst()
                    .getArgs().getFirst());
            assertThat(set.getSpec().getReplicas()).as("KEDA owns the replicas of " + set.getMetadata().getName()).isNull();
        }
        Set<String> scaled = new TreeSet<>();
        for (JsonNode scaledObject : ofKind(objects, "ScaledObject")) {
            JsonNode spec = scaledObject.path("spec");
            String target = spec.path("scaleTargetRef").path("name").asText();
            assertThat(spec.path("scaleTargetRef").path("kind").asText()).isEqualTo("StatefulSet");
            String role = roleOfStatefulSet.get(target);
            assertThat(role).as("the StatefulSet KEDA scales, " + target).isNotNull();
            scaled.add(role);
            JsonNode trigger = spec.path("triggers").path(0);
            assertThat(spec.path("triggers")).hasSize(1);
            assertThat(trigger.path("type").asText()).isEqualTo("kafka");
            JsonNode kafka = trigger.path("metadata");
            assertThat(kafka.path("bootstrapServers").asText()).as(target).isEqualTo(config.kafka().bootstrapServers());
            String group = role.equals("parser") ? config.parser().groupId() : config.storageWriter().groupId();
            String topic = role.equals("parser") ? config.kafka().topics().raw() : config.kafka().topics().parsed();
            assertThat(kafka.path("consumerGroup").asText()).as(target).isEqualTo(group);
            assertThat(kafka.path("topic").asText()).as(target).isEqualTo(topic);
            assertThat(Long.parseLong(kafka.path("lagThreshold").asText())).as(target).isPositive();
            // more consumers than partitions would sit idle
            int consumersPerPod = role.equals("parser") ? 1 : config.storageWriter().consumers();
            int max = spec.path("maxReplicaCount").asInt();
            assertThat(max * consumersPerPod).as(target + ": consumers at most").isLessThanOrEqualTo(config.kafka().partitions());
            assertThat(spec.path("minReplicaCount").asInt()).as(target).isBetween(1, max);
        }
        assertThat(scaled).containsExactly("parser", "storage-writer");
    }

    @Test
    void theStrimziTopicsAreTheOnesLogflowTopicsCreateMakesFromTheBaseConfiguration() throws Exception {
        LogFlowConfig config = configOf(render("base"));
        Map<String, TopicSpec> wanted = new HashMap<>();
        TopicSpec.all(config.kafka(), config.kafka().replicationFactor()).forEach(spec -> wanted.put(spec.name(), spec));
        Map<String, TopicSpec> declared = new HashMap<>();
        for (JsonNode object : render("strimzi-topics")) {
            KafkaTopic topic = STRICT.treeToValue(object, KafkaTopic.class);
            assertThat(topic.getMetadata().getLabels()).as(topic.getMetadata().getName()).containsKey("strimzi.io/cluster");
            Map<String, Object> settings = topic.getSpec().getConfig();
            assertThat(settings).as(topic.getMetadata().getName()).containsOnlyKeys("cleanup.policy", "min.insync.replicas");
            declared.put(topic.getSpec().getTopicName(), new TopicSpec(topic.getSpec().getTopicName(),
                    topic.getSpec().getPartitions(), topic.getSpec().getReplicas(), settings.get("cleanup.policy").toString(),
                    Integer.parseInt(settings.get("min.insync.replicas").toString())));
        }
        assertThat(declared).isEqualTo(wanted);
    }

    /** The workloads of one rendering: each runs a role of the image, reads a configuration LogFlow accepts, on its port. */
    private void checkWorkloads(List<JsonNode> objects) throws Exception {
        Map<String, ConfigMap> configMaps = new HashMap<>();
        for (JsonNode object : ofKind(objects, "ConfigMap")) {
            ConfigMap map = STRICT.treeToValue(object, ConfigMap.class);
            configMaps.put(map.getMetadata().getName(), map);
        }
        Map<String, Secret> secrets = new HashMap<>();
        for (JsonNode object : ofKind(objects, "Secret")) {
            Secret secret = STRICT.treeToValue(object, Secret.class);
            secrets.put(secret.getMetadata().getName(), secret);
        }
        Set<String> options = OptionVariables.all();
        secrets.values().forEach(secret -> assertThat(options).as("the keys of Secret " + secret.getMetadata().getName()
                + " name options").containsAll(secretKeys(secret)));

        Map<String, PodSpec> pods = new HashMap<>();
        Map<String, Map<String, String>> podLabels = new HashMap<>();
        for (JsonNode object : ofKind(objects, "Deployment")) {
            Deployment d = STRICT.treeToValue(object, Deployment.class);
            pods.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate().getSpec());
            podLabels.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate().getMetadata().getLabels());
        }
        Map<String, StatefulSet> statefulSets = new HashMap<>();
        for (JsonNode object : ofKind(objects, "StatefulSet")) {
            StatefulSet s = STRICT.treeToValue(object, StatefulSet.class);
            statefulSets.put(s.getMetadata().getName(), s);
            pods.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate().getSpec());
            podLabels.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate().getMetadata().getLabels());
        }
        for (JsonNode object : ofKind(objects, "Job")) {
            Job j = STRICT.treeToValue(object, Job.class);
            pods.put("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate().getSpec());
        }

        CommandLine logflow = LogFlowCommand.commandLine();
        Map<String, String> workloadOfRole = new HashMap<>();
        for (Map.Entry<String, PodSpec> pod : pods.entrySet()) {
            String workload = pod.getKey();
            assertThat(pod.getValue().getContainers()).as(workload).hasSize(1);
            Container container = pod.getValue().getContainers().getFirst();
            List<String> args = container.getArgs();
            assertThat(container.getCommand()).as(workload + ": the image's entry point runs logflow").isNullOrEmpty();
            assertThat(logflow.getSubcommands()).as(workload + "'s role").containsKey(args.getFirst());
            // the arguments parse as logflow's own command line would (role, sub-command, --config)
            CommandLine.ParseResult parsed = LogFlowCommand.commandLine().parseArgs(args.toArray(String[]::new));
            String role = String.join(" ", commandPath(parsed));
            assertThat(workloadOfRole.put(role, workload)).as(role + " runs in one workload only").isNull();

            Map<String, String> environment = new HashMap<>();
            for (EnvVar variable : container.getEnv()) {
                assertThat(options.contains(variable.getName()) || JVM_VARIABLES.contains(variable.getName()))
                        .as(workload + ": " + variable.getName() + " names an option").isTrue();
                if (!JVM_VARIABLES.contains(variable.getName())) {
                    environment.put(variable.getName(), variable.getValue());
                }
            }
            container.getEnvFrom().forEach(from -> {
                assertThat(from.getSecretRef()).as(workload + ": environment from Secrets only").isNotNull();
                Secret secret = secrets.get(from.getSecretRef().getName());
                assertThat(secret).as(workload + ": Secret " + from.getSecretRef().getName()).isNotNull();
                secretKeys(secret).forEach(key -> environment.put(key, "secret"));
            });
            LogFlowConfig config = ConfigLoader.load(configFile(workload, args, container, pod.getValue(), configMaps), environment);

            if (role.equals("topics create")) {
                continue;
            }
            assertThat(role).isIn("ingestor", "parser", "storage-writer");
            int port = switch (role) {
                case "ingestor" -> config.ingestor().httpPort();
                case "parser" -> config.parser().httpPort();
                default -> config.storageWriter().httpPort();
            };
            assertThat(container.getPorts()).as(workload + "'s ports").extracting(ContainerPort::getContainerPort).containsExactly(port);
            assertProbe(workload + " liveness", container.getLivenessProbe(), "/health", port, container);
            assertProbe(workload + " readiness", container.getReadinessProbe(), "/ready", port, container);
            assertThat(container.getEnv()).as(workload + ": the image's measured JVM options are not overridden")
                    .extracting(EnvVar::getValue).noneSatisfy(value -> assertThat(value).contains("-Xm"));
            Quantity request = container.getResources().getRequests().get("memory");
            Quantity limit = container.getResources().getLimits().get("memory");
            assertThat(Quantity.getAmountInBytes(limit)).as(workload + ": memory limit over the measured peak RSS")
                    .isGreaterThanOrEqualTo(BigDecimal.valueOf(MEASURED_PEAK_BYTES));
            assertThat(Quantity.getAmountInBytes(request)).as(workload + ": memory request").isLessThanOrEqualTo(
                    Quantity.getAmountInBytes(limit)).isGreaterThanOrEqualTo(BigDecimal.valueOf(MEASURED_PEAK_BYTES));
            assertThat(container.getResources().getRequests()).as(workload + ": a CPU request (the HPA's base)").containsKey("cpu");
            if (role.equals("parser") || role.equals("storage-writer")) {
                assertThat(workload).as(role + ": a stable hostname for its Kafka ids").startsWith("StatefulSet/");
            }
            assertServed(workload, podLabels.get(workload), port, objects, statefulSets);
            assertDisruptionBudget(workload, podLabels.get(workload), objects);
        }
        assertThat(workloadOfRole).containsOnlyKeys("ingestor", "parser", "storage-writer", "topics create");

        HorizontalPodAutoscaler hpa = STRICT.treeToValue(ofKind(objects, "HorizontalPodAutoscaler").getFirst(),
                HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind() + "/" + hpa.getSpec().getScaleTargetRef().getName())
                .isEqualTo(workloadOfRole.get("ingestor"));
        assertThat(hpa.getSpec().getMetrics()).singleElement()
                .satisfies(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
    }

    private Path configFile(String workload, List<String> args, Container container, PodSpec pod,
                            Map<String, ConfigMap> configMaps) throws Exception {
        int flag = args.indexOf("--config");
        assertThat(flag).as(workload + " passes --config").isPositive();
        Path file = Path.of(args.get(flag + 1));
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> file.startsWith(m.getMountPath())).findFirst()
                .orElseThrow(() -> new AssertionError(workload + ": nothing mounted at " + file));
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertThat(volume.getConfigMap()).as(workload + ": " + file + " comes from a ConfigMap").isNotNull();
        ConfigMap map = configMaps.get(volume.getConfigMap().getName());
        assertThat(map).as(workload + ": ConfigMap " + volume.getConfigMap().getName()).isNotNull();
        String content = map.getData().get(Path.of(mount.getMountPath()).relativize(file).toString());
        assertThat(content).as(workload + ": " + file + " in ConfigMap " + map.getMetadata().getName()).isNotNull();
        Path copy = Files.createTempFile(temp, "logflow", ".yaml");
        Files.writeString(copy, content);
        return copy;
    }

    private static void assertProbe(String what, Probe probe, String path, int port, Container container) {
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what).isEqualTo(path);
        assertThat(portNumber(probe.getHttpGet().getPort(), container)).as(what + " port").isEqualTo(port);
    }

    /** A Service sends to the stage's port: the ingestor's a ClusterIP one, a StatefulSet's its headless governing one. */
    private static void assertServed(String workload, Map<String, String> labels, int port, List<JsonNode> objects,
                                     Map<String, StatefulSet> statefulSets) throws Exception {
        List<Service> services = new ArrayList<>();
        for (JsonNode object : ofKind(objects, "Service")) {
            Service service = STRICT.treeToValue(object, Service.class);
            if (labels.entrySet().containsAll(service.getSpec().getSelector().entrySet())) {
                services.add(service);
            }
        }
        assertThat(services).as(workload + "'s Service").hasSize(1);
        Service service = services.getFirst();
        ServicePort servicePort = service.getSpec().getPorts().getFirst();
        assertThat(servicePort.getPort()).as(workload + "'s Service port").isEqualTo(port);
        if (workload.startsWith("StatefulSet/")) {
            assertThat(service.getSpec().getClusterIP()).as(workload + "'s Service is headless").isEqualTo("None");
            assertThat(statefulSets.get(workload.substring("StatefulSet/".length())).getSpec().getServiceName())
                    .isEqualTo(service.getMetadata().getName());
        }
    }

    private static void assertDisruptionBudget(String workload, Map<String, String> labels, List<JsonNode> objects)
            throws Exception {
        long budgets = 0;
        for (JsonNode object : ofKind(objects, "PodDisruptionBudget")) {
            PodDisruptionBudget budget = STRICT.treeToValue(object, PodDisruptionBudget.class);
            if (labels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet())) {
                budgets++;
            }
        }
        assertThat(budgets).as(workload + "'s PodDisruptionBudget").isEqualTo(1);
    }

    private static int portNumber(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()))
                .getContainerPort();
    }

    /**
     * KEDA publishes no Java model: its ScaledObject checked against the fields of its CRD
     * (keda.sh/v1alpha1) and the Kafka scaler's documented metadata.
     */
    private static void checkScaledObjectSchema(String name, JsonNode object) throws Exception {
        assertThat(object.path("apiVersion").asText()).as(name).isEqualTo("keda.sh/v1alpha1");
        JsonNode spec = object.path("spec");
        assertThat(fieldNames(spec)).as(name + " spec").contains("scaleTargetRef", "triggers").isSubsetOf(
                "scaleTargetRef", "pollingInterval", "cooldownPeriod", "initialCooldownPeriod", "idleReplicaCount",
                "minReplicaCount", "maxReplicaCount", "fallback", "advanced", "triggers");
        assertThat(fieldNames(spec.path("scaleTargetRef"))).as(name + " scaleTargetRef").contains("name")
                .isSubsetOf("apiVersion", "kind", "name", "envSourceContainerName");
        for (String count : List.of("pollingInterval", "cooldownPeriod", "minReplicaCount", "maxReplicaCount")) {
            assertThat(spec.path(count).isMissingNode() || spec.path(count).isInt()).as(name + " " + count).isTrue();
        }
        JsonNode advanced = spec.path("advanced");
        if (!advanced.isMissingNode()) {
            assertThat(fieldNames(advanced)).as(name + " advanced").isSubsetOf("horizontalPodAutoscalerConfig",
                    "restoreToOriginalReplicaCount", "scalingModifiers");
            JsonNode hpa = advanced.path("horizontalPodAutoscalerConfig");
            assertThat(fieldNames(hpa)).as(name + " horizontalPodAutoscalerConfig").isSubsetOf("name", "behavior");
            if (hpa.has("behavior")) {
                // KEDA passes it to the HorizontalPodAutoscaler it makes: the autoscaling/v2 type
                assertNoUnknownFields(name + " behavior", STRICT.treeToValue(hpa.path("behavior"),
                        HorizontalPodAutoscalerBehavior.class));
            }
        }
        assertThat(spec.path("triggers").isArray() && !spec.path("triggers").isEmpty()).as(name + " triggers").isTrue();
        for (JsonNode trigger : spec.path("triggers")) {
            assertThat(fieldNames(trigger)).as(name + " trigger").contains("type", "metadata").isSubsetOf("type", "name",
                    "metadata", "authenticationRef", "metricType", "useCachedMetrics");
            trigger.path("metadata").properties().forEach(field -> assertThat(field.getValue().isTextual())
                    .as(name + " trigger metadata " + field.getKey() + " is a string").isTrue());
            if (trigger.path("type").asText().equals("kafka")) {
                assertThat(fieldNames(trigger.path("metadata"))).as(name + " kafka trigger")
                        .contains("bootstrapServers", "consumerGroup", "topic", "lagThreshold")
                        .isSubsetOf("bootstrapServers", "consumerGroup", "topic", "lagThreshold", "activationLagThreshold",
                                "offsetResetPolicy", "allowIdleConsumers", "scaleToZeroOnInvalidOffset",
                                "excludePersistentLag", "limitToPartitionsWithLag", "partitionLimitation", "version",
                                "sasl", "tls", "unsafeSsl");
                assertThat(trigger.path("metadata").path("offsetResetPolicy").asText("latest")).isIn("latest", "earliest");
            }
        }
    }

    /** Fields the models have no property for land in their additionalProperties: there must be none, at any depth. */
    private static void assertNoUnknownFields(String path, Object value) throws Exception {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                assertNoUnknownFields(path + "." + entry.getKey(), entry.getValue());
            }
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                assertNoUnknownFields(path + "[" + i++ + "]", item);
            }
            return;
        }
        String type = value.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                Map<?, ?> unknown = (Map<?, ?>) getter.invoke(value);
                if (unknown != null && !unknown.isEmpty()) {
                    fail(path + ": fields unknown to " + value.getClass().getSimpleName() + ": " + unknown.keySet());
                }
                continue;
            }
            Class<?> returned = getter.getReturnType();
            if (Map.class.isAssignableFrom(returned) || Collection.class.isAssignableFrom(returned)
                    || returned.getName().startsWith("io.fabric8.") || returned.getName().startsWith("io.strimzi.")) {
                assertNoUnknownFields(path + "." + getter.getName().substring(3), getter.invoke(value));
            }
        }
    }

    private static LogFlowConfig configOf(List<JsonNode> objects) throws Exception {
        List<JsonNode> maps = ofKind(objects, "ConfigMap");
        assertThat(maps).hasSize(1);
        Path file = Files.createTempFile("logflow-k8s", ".yaml");
        try {
            Files.writeString(file, maps.getFirst().path("data").path("logflow.yaml").asText());
            return ConfigLoader.load(file, Map.of());
        } finally {
            Files.delete(file);
        }
    }

    private static Set<String> secretKeys(Secret secret) {
        Set<String> keys = new TreeSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    private static List<String> commandPath(CommandLine.ParseResult parsed) {
        List<String> path = new ArrayList<>();
        for (CommandLine.ParseResult sub = parsed.subcommand(); sub != null; sub = sub.subcommand()) {
            path.add(sub.commandSpec().name());
        }
        return path;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static List<JsonNode> render(String target) throws Exception {
        Process kustomize = new ProcessBuilder("kubectl", "kustomize", KUBERNETES.resolve(target).toString())
                .redirectErrorStream(false).start();
        String output = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(kustomize.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kustomize.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kustomize.exitValue()).as("kubectl kustomize " + target + ": " + errors).isZero();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(output)) {
            return documents.readAll().stream().filter(d -> d != null && !d.isNull() && !d.isEmpty()).toList();
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
