package io.logflow.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stage of a Dockerfile replayed without a Docker engine, in a directory that stands for
 * the container's {@code /}. It holds only what the stage copied; the host stands in for
 * the base image (its shell, and the JDK the tests run on for the image's {@code java}).
 */
final class ContainerStage {

    /** Runs a RUN instruction of the stage, or decides not to. */
    interface Runner {
        void run(ContainerStage stage, List<String> command) throws Exception;
    }

    record Ran(int exitCode, String output, Duration took) {}

    private final Path root;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String workdir = "/";

    private ContainerStage(Path root) {
        this.root = root;
    }

    /** Replays WORKDIR, ENV, COPY (from the context or an earlier stage) and, through the runner, RUN, in order. */
    static ContainerStage replay(Dockerfile.Stage stage, Path root, DockerContext context,
            Map<String, ContainerStage> earlier, Runner runner) throws Exception {
        ContainerStage replayed = new ContainerStage(Files.createDirectories(root));
        for (Dockerfile.Instruction instruction : stage.instructions()) {
            switch (instruction.keyword()) {
                case "WORKDIR" -> {
                    replayed.workdir = replayed.absolute(instruction.arguments());
                    Files.createDirectories(replayed.path(replayed.workdir));
                }
                case "ENV" -> replayed.environment.putAll(instruction.variables());
                case "COPY" -> replayed.copy(instruction.copy(), context, earlier);
                case "RUN" -> runner.run(replayed, instruction.command());
                case "USER", "EXPOSE", "LABEL", "ENTRYPOINT", "CMD" -> { } // nothing to lay out
                default -> throw new IllegalArgumentException(instruction.keyword() + " is not replayed");
            }
        }
        return replayed;
    }

    /** Where a path of the container (absolute, or relative to its WORKDIR) is on the host. */
    Path path(String containerPath) {
        return root.resolve(absolute(containerPath).substring(1));
    }

    /**
     * Runs a command in the container's WORKDIR with its ENV over {@code host}. Arguments
     * that are container paths (or {@code :}-separated lists of them, or java's {@code @file})
     * under a directory the stage holds become the host's, the program too, or it is looked up in {@code host}'s PATH.
     */
    Ran run(List<String> command, Map<String, String> host, Duration timeout, Path log) throws Exception {
        Map<String, String> variables = new LinkedHashMap<>(host);
        variables.putAll(environment);
        List<String> onHost = new ArrayList<>();
        onHost.add(program(command.getFirst(), variables.getOrDefault("PATH", "")));
        command.subList(1, command.size()).forEach(argument -> onHost.add(onHost(argument)));
        ProcessBuilder builder = new ProcessBuilder(onHost).directory(path(workdir).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(variables);
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + "; its output: " + log);
        }
        return new Ran(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private void copy(Dockerfile.Copy copy, DockerContext context, Map<String, ContainerStage> earlier) throws IOException {
        Path destination = path(copy.destination());
        boolean intoDirectory = copy.destination().endsWith("/") || copy.sources().size() > 1;
        for (String source : copy.sources()) {
            Path from;
            Predicate<Path> excluded;
            if (copy.fromContext()) {
                from = context.source(source);
                excluded = context::excludes;
            } else {
                ContainerStage stage = earlier.get(copy.from());
                if (stage == null) {
                    throw new IllegalArgumentException("COPY --from=" + copy.from() + ": no such earlier stage");
                }
                from = stage.root.resolve(source.replaceFirst("^/", "")); // relative to that stage's /
                if (!Files.exists(from)) {
                    throw new IllegalArgumentException("COPY --from=" + copy.from() + " " + source + ": the stage made no such file");
                }
                excluded = file -> false;
            }
            if (Files.isDirectory(from)) {
                copyContents(from, destination, excluded);
            } else {
                Path target = intoDirectory ? destination.resolve(from.getFileName().toString()) : destination;
                Files.createDirectories(target.getParent());
                Files.copy(from, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void copyContents(Path from, Path to, Predicate<Path> excluded) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (excluded.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!excluded.test(file)) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private String absolute(String containerPath) {
        String path = containerPath.startsWith("/") ? containerPath : workdir + "/" + containerPath;
        return Path.of(path).normalize().toString();
    }

    private String onHost(String argument) {
        if (argument.startsWith("@")) { // java's @argfile
            return "@" + onHost(argument.substring(1));
        }
        List<String> parts = new ArrayList<>();
        for (String part : argument.split(File.pathSeparator, -1)) {
            boolean held = part.startsWith("/") && part.length() > 1
                    && Files.isDirectory(root.resolve(part.substring(1).split("/")[0]));
            parts.add(held ? root.resolve(part.substring(1)).toString() : part);
        }
        return String.join(File.pathSeparator, parts);
    }

    private String program(String name, String path) {
        if (name.contains("/")) {
            return onHost(name);
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return name;
    }
}
