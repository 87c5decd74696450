package io.logflow.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way {@code docker build} reads it: stages that begin at each
 * {@code FROM}, instructions with their continuation lines joined and comments left out.
 * Enough of the syntax for a test to replay a stage without a Docker engine; no build
 * arguments, no heredocs.
 */
record Dockerfile(List<Stage> stages) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FLAGS = Pattern.compile("^((?:--\\S+\\s+)*)(.*)$", Pattern.DOTALL);

    static Dockerfile read(Path file) throws IOException {
        List<Stage> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.endsWith("\\")) {
                pending.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            pending.append(text);
            String[] keywordAndArguments = pending.toString().split("\\s+", 2);
            pending.setLength(0);
            String keyword = keywordAndArguments[0].toUpperCase(Locale.ROOT);
            String arguments = keywordAndArguments.length > 1 ? keywordAndArguments[1].strip() : "";
            if (keyword.equals("FROM")) {
                String[] words = arguments.split("\\s+");
                String name = words.length == 3 && words[1].equalsIgnoreCase("AS") ? words[2] : String.valueOf(stages.size());
                stages.add(new Stage(name, words[0], new ArrayList<>()));
            } else if (stages.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + keyword + " before the first FROM");
            } else {
                stages.getLast().instructions().add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }

    Stage stage(String name) {
        return stages.stream().filter(stage -> stage.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + name));
    }

    Stage last() {
        return stages.getLast();
    }

    record Stage(String name, String image, List<Instruction> instructions) {

        List<Copy> copies() {
            return instructions.stream().filter(i -> i.keyword().equals("COPY")).map(Instruction::copy).toList();
        }

        /** What the container runs: its ENTRYPOINT followed by its CMD. */
        List<String> entrypointAndCommand() {
            List<String> command = last("ENTRYPOINT");
            command.addAll(last("CMD"));
            return command;
        }

        /** What {@code docker run IMAGE ARGUMENTS...} runs: its ENTRYPOINT followed by the arguments, not its CMD. */
        List<String> entrypointWith(String... arguments) {
            List<String> command = last("ENTRYPOINT");
            command.addAll(List.of(arguments));
            return command;
        }

        private List<String> last(String keyword) {
            return new ArrayList<>(instructions.stream().filter(i -> i.keyword().equals(keyword))
                    .reduce((first, second) -> second).map(Instruction::command).orElse(List.of()));
        }
    }

    record Instruction(String keyword, String arguments) {

        /** RUN, CMD, ENTRYPOINT: the JSON (exec) form as written, the shell form under {@code /bin/sh -c}. */
        List<String> command() {
            List<String> json = jsonArray(arguments);
            return json != null ? json : List.of("/bin/sh", "-c", arguments);
        }

        Copy copy() {
            Matcher matcher = FLAGS.matcher(arguments);
            if (!matcher.matches()) {
                throw new IllegalStateException(arguments);
            }
            String from = null;
            for (String flag : matcher.group(1).strip().split("\\s+")) {
                if (flag.startsWith("--from=")) {
                    from = flag.substring("--from=".length());
                }
            }
            List<String> json = jsonArray(matcher.group(2));
            List<String> paths = json != null ? json : Arrays.asList(matcher.group(2).strip().split("\\s+"));
            if (paths.size() < 2) {
                throw new IllegalArgumentException("COPY needs a source and a destination: " + arguments);
            }
            return new Copy(from, List.copyOf(paths.subList(0, paths.size() - 1)), paths.getLast());
        }

        /** ENV: {@code key=value ...}, or the older {@code key value}; values without spaces. */
        Map<String, String> variables() {
            String[] legacy = arguments.split("\\s+", 2);
            if (!legacy[0].contains("=")) {
                return Map.of(legacy[0], unquoted(legacy[1]));
            }
            Map<String, String> variables = new LinkedHashMap<>();
            for (String pair : arguments.split("\\s+")) {
                String[] keyAndValue = pair.split("=", 2);
                variables.put(keyAndValue[0], unquoted(keyAndValue[1]));
            }
            return variables;
        }

        private static String unquoted(String value) {
            return value.length() > 1 && value.charAt(0) == '"' && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
        }

        private static List<String> jsonArray(String text) {
            if (!text.startsWith("[")) {
                return null;
            }
            try {
                return JSON.readValue(text, new TypeReference<List<String>>() {});
            } catch (JsonProcessingException e) {
                return null; // not JSON: the shell form, as docker build takes it
            }
        }
    }

    /** COPY [--from=stage] source... destination. */
    record Copy(String from, List<String> sources, String destination) {

        boolean fromContext() {
            return from == null;
        }
    }
}
