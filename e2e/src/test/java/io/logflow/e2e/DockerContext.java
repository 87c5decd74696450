package io.logflow.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The build context {@code docker build} is given: a directory less what its
 * {@code .dockerignore} excludes (patterns matched against the path and each of its
 * parents, the last matching one deciding; {@code !} re-includes; {@code **} spans
 * directories).
 */
record DockerContext(Path dir, List<Exclusion> exclusions) {

    record Exclusion(Pattern pattern, boolean reincludes) {}

    static DockerContext of(Path dir) throws IOException {
        List<Exclusion> exclusions = new ArrayList<>();
        Path ignore = dir.resolve(".dockerignore");
        for (String line : Files.isRegularFile(ignore) ? Files.readAllLines(ignore) : List.<String>of()) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            boolean reincludes = text.startsWith("!");
            String pattern = Path.of(reincludes ? text.substring(1).strip() : text).normalize().toString();
            exclusions.add(new Exclusion(glob(pattern.startsWith("/") ? pattern.substring(1) : pattern), reincludes));
        }
        return new DockerContext(dir, List.copyOf(exclusions));
    }

    /** Whether a file of the directory is left out of the context. */
    boolean excludes(Path file) {
        Path relative = dir.relativize(file);
        boolean excluded = false;
        for (Exclusion exclusion : exclusions) {
            for (int names = 1; names <= relative.getNameCount(); names++) {
                if (exclusion.pattern().matcher(relative.subpath(0, names).toString()).matches()) {
                    excluded = !exclusion.reincludes();
                    break;
                }
            }
        }
        return excluded;
    }

    /** A COPY source: the file or directory it names, which must be in the context. */
    Path source(String path) {
        if (path.matches(".*[*?\\[].*")) {
            throw new IllegalArgumentException("COPY " + path + ": wildcards are not replayed");
        }
        Path file = dir.resolve(path).normalize();
        if (!file.startsWith(dir) || !Files.exists(file) || excludes(file)) {
            throw new IllegalArgumentException("COPY " + path + ": not in the build context " + dir
                    + (Files.exists(file) ? " (.dockerignore excludes it)" : ""));
        }
        return file;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
