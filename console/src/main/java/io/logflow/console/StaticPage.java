package io.logflow.console;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The console's page: three small files from this module's resources, no build step. */
final class StaticPage {

    private static final Map<String, String> FILES = Map.of(
            "/", "index.html:text/html; charset=utf-8",
            "/console.js", "console.js:text/javascript; charset=utf-8",
            "/console.css", "console.css:text/css; charset=utf-8");

    private StaticPage() {}

    static void register(RoutesConfig routes) {
        FILES.forEach((path, file) -> {
            String[] nameAndType = file.split(":", 2);
            byte[] content = read(nameAndType[0]);
            routes.get(path, ctx -> ctx.contentType(nameAndType[1])
                    .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none';"
                            + " base-uri 'none'; frame-ancestors 'none'")
                    .header("X-Content-Type-Options", "nosniff")
                    .result(content));
        });
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticPage.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + name + " is missing from its jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
