package io.logflow.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A store's distribution (Elasticsearch or OpenSearch), extracted once and shared
 * read-only by every node (each node has its own config, data and logs). It lives under the system's temporary
 * directory, which any user can reach, because Elasticsearch may run as {@code nobody}.
 */
public final class ElasticsearchHome {

    private ElasticsearchHome() {}

    public static Path extract(Path zip, Store store) {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "logflow-servers");
        try {
            String version = topDirectory(zip);
            Path home = cache.resolve(version);
            if (Files.isRegularFile(home.resolve("bin").resolve(store.program()))) {
                return home;
            }
            Files.createDirectories(cache);
            Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path staging = Files.createTempDirectory(cache, "extracting-");
            unzip(zip, staging);
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(staging.resolve(version), home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isDirectory(home)) {
                    throw raced;
                }
            }
            return home;
        } catch (IOException e) {
            throw new DevStackException("cannot extract " + store.title() + " from " + zip + ": " + e.getMessage(), e);
        }
    }

    private static String topDirectory(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            String first = file.entries().nextElement().getName();
            return first.substring(0, first.indexOf('/'));
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("zip entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, path);
                }
                boolean script = path.getParent().getFileName().toString().equals("bin");
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(script ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        try (var dirs = Files.walk(target)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
