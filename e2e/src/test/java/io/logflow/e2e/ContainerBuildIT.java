package io.logflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/**
 * No Docker engine runs here, so the image's build is replayed without one: the build
 * stage's COPY instructions copy from this checkout (less what .dockerignore excludes)
 * into an empty directory that stands for the container's {@code /}, and its RUN runs
 * there with the JDK the tests run on, offline: the image's build downloads what Maven
 * needs, this one finds it in ~/.m2, where the build of this very verify put it. Then
 * the runtime stage takes its files from that directory and runs its ENTRYPOINT and CMD.
 */
class ContainerBuildIT {

    private static final Path PROJECT = Path.of(System.getProperty("logflow.project.dir")).toAbsolutePath().normalize();
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    static Path containers;

    private static Dockerfile dockerfile;
    private static DockerContext context;
    private static Dockerfile.Stage buildStage;
    private static Map<String, ContainerStage> replayed;

    @BeforeAll
    static void readTheDockerfile() throws Exception {
        dockerfile = Dockerfile.read(PROJECT.resolve("Dockerfile"));
        context = DockerContext.of(PROJECT);
        Set<String> copiedFrom = dockerfile.last().copies().stream().filter(copy -> !copy.fromContext())
                .map(Dockerfile.Copy::from).collect(Collectors.toSet());
        assertThat(copiedFrom).as("the stages the image copies from").hasSize(1);
        buildStage = dockerfile.stage(copiedFrom.iterator().next());
    }

    @Test
    void everyModuleOfTheRootPomIsCopiedIntoTheBuildStage() throws Exception {
        Set<String> copied = buildStage.copies().stream().filter(Dockerfile.Copy::fromContext)
                .flatMap(copy -> copy.sources().stream()).map(source -> Path.of(source).normalize().toString())
                .collect(Collectors.toSet());
        assertThat(copied).as("the build stage copies the wrapper and the root pom.xml").contains(".mvn", "mvnw", "pom.xml");
        List<String> notCopied = modules().stream()
                .filter(module -> !copied.contains(module) && !copied.contains(module + "/pom.xml")).toList();
        assertThat(notCopied).as("modules of pom.xml that the build stage does not copy: Maven stops at a missing "
                + "module; copy it whole, or its pom.xml alone when the distribution does not need it").isEmpty();
    }

    @Test
    void everyFileTheImageCopiesFromTheContextIsInTheContext() {
        for (Dockerfile.Stage stage : dockerfile.stages()) {
            for (Dockerfile.Copy copy : stage.copies()) {
                if (copy.fromContext()) {
                    copy.sources().forEach(source -> assertThat(context.source(source)).exists());
                }
            }
        }
    }

    @Test
    void theBuildStageBuildsTheDistributionFromWhatItCopies() throws Exception {
        ContainerStage build = replayed().get(buildStage.name());
        assertThat(build.path("cli/target/logflow-cli.jar")).isRegularFile();
        assertThat(build.path("cli/target/lib")).isDirectoryContaining("glob:**/picocli-*.jar");
    }

    @Test
    void theImageRunsTheDistributionTheBuildStageMade() throws Exception {
        ContainerStage image = replayed().get(dockerfile.last().name()); // fails if a COPY --from finds nothing
        ContainerStage.Ran ran = image.run(dockerfile.last().entrypointAndCommand(), hostEnvironment(),
                Duration.ofMinutes(1), containers.resolve("image.log"));
        assertThat(ran.exitCode()).as(ran.output()).isZero();
        assertThat(ran.output()).contains("Usage: logflow", "ingestor", "parser", "storage-writer");
    }

    @Test
    void theImageGivesTheIngestorItsOwnSmallerHeap() throws Exception {
        ContainerStage image = replayed().get(dockerfile.last().name());
        assertThat(maxHeapOf(image, "ingestor")).isEqualTo(60L << 20);
        assertThat(maxHeapOf(image, "storage-writer")).isEqualTo(72L << 20);
    }

    /** The heap the image gives a role, from the flags its JVM prints ({@code docker run IMAGE ROLE --help}). */
    private static long maxHeapOf(ContainerStage image, String role) throws Exception {
        Map<String, String> environment = hostEnvironment();
        environment.put("JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags");
        ContainerStage.Ran ran = image.run(dockerfile.last().entrypointWith(role, "--help"), environment,
                Duration.ofMinutes(1), containers.resolve(role + ".log"));
        assertThat(ran.exitCode()).as(ran.output()).isZero();
        Matcher heap = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(ran.output());
        assertThat(heap.find()).as(ran.output()).isTrue();
        return Long.parseLong(heap.group(1));
    }

    /** Replays every stage once: the build stage's RUN builds, the image's RUN (system packages, users) is the host's. */
    private static synchronized Map<String, ContainerStage> replayed() throws Exception {
        if (replayed == null) {
            Map<String, ContainerStage> stages = new LinkedHashMap<>();
            for (Dockerfile.Stage stage : dockerfile.stages()) {
                boolean image = stage == dockerfile.last();
                stages.put(stage.name(), ContainerStage.replay(stage, containers.resolve(stage.name()), context, stages,
                        image ? (replayedStage, command) -> { } : ContainerBuildIT::runOffline));
            }
            replayed = stages;
        }
        return replayed;
    }

    private static void runOffline(ContainerStage stage, List<String> command) throws Exception {
        assertThat(JAVA_HOME.resolve("bin/javac")).as("the tests run on a JDK, which the build stage needs").isExecutable();
        Map<String, String> environment = hostEnvironment();
        environment.put("MAVEN_ARGS", "--offline"); // Maven 3.9 reads its arguments from here too
        Path log = containers.resolve("build-stage-run.log");
        ContainerStage.Ran ran = stage.run(command, environment, BUILD_TIMEOUT, log);
        System.out.printf("ContainerBuildIT: %s took %d s%n", String.join(" ", command), ran.took().toSeconds());
        assertThat(ran.exitCode()).as("RUN %s failed:%n%s", command, ran.output()).isZero();
    }

    /** What the base images give their processes, the host standing in: a JDK on the PATH, a home with ~/.m2. */
    private static Map<String, String> hostEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", JAVA_HOME.resolve("bin") + ":" + System.getenv("PATH"));
        environment.put("HOME", System.getProperty("user.home"));
        environment.put("JAVA_HOME", JAVA_HOME.toString());
        if (System.getenv("MAVEN_USER_HOME") != null) { // where the wrapper keeps its Maven
            environment.put("MAVEN_USER_HOME", System.getenv("MAVEN_USER_HOME"));
        }
        return environment;
    }

    private static List<String> modules() throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate("/project/modules/module",
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(PROJECT.resolve("pom.xml").toFile()),
                XPathConstants.NODESET);
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            modules.add(nodes.item(i).getTextContent().strip());
        }
        assertThat(modules).as("the modules of the root pom.xml").isNotEmpty();
        return modules;
    }
}
