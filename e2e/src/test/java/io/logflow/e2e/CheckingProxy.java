package io.logflow.e2e;

import io.logflow.devstack.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx (the {@code nginx} package) as a TLS reverse proxy in front of a secured
 * Elasticsearch that checks the {@code Authorization} header itself: it lets through only
 * the headers it was given, each replaced by the one Elasticsearch accepts, and answers
 * {@code 401} to any other. It stands in for Elasticsearch's own API keys where the
 * distribution cannot make them (its integ-test zip lacks the {@code analysis-common}
 * module the security index needs). A foreground process with its own prefix and
 * configuration, stopped by its PID.
 */
final class CheckingProxy implements AutoCloseable {

    private final Process process;
    private final int port;

    private CheckingProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param accepted  {@code Authorization} header accepted → the one sent to Elasticsearch instead
     * @param cert, key the proxy's own certificate (PEM), for {@code 127.0.0.1}
     * @param upstreamCa the certificate authority of Elasticsearch's certificate
     */
    static CheckingProxy start(Path workDir, String elasticsearchUrl, Map<String, String> accepted,
                               Path cert, Path key, Path upstreamCa) throws IOException, InterruptedException {
        Files.createDirectories(workDir.resolve("temp"));
        int port = Ports.freePort();
        String map = accepted.entrySet().stream()
                .map(entry -> "    \"" + entry.getKey() + "\" \"" + entry.getValue() + "\";")
                .collect(Collectors.joining("\n"));
        Path config = workDir.resolve("nginx.conf");
        Files.writeString(config, """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/temp/body;
                  proxy_temp_path %1$s/temp/proxy;
                  fastcgi_temp_path %1$s/temp/fastcgi;
                  uwsgi_temp_path %1$s/temp/uwsgi;
                  scgi_temp_path %1$s/temp/scgi;
                  map $http_authorization $upstream_authorization {
                    default "";
                %2$s
                  }
                  server {
                    listen 127.0.0.1:%3$d ssl;
                    ssl_certificate %4$s;
                    ssl_certificate_key %5$s;
                    location / {
                      if ($upstream_authorization = "") {
                        add_header WWW-Authenticate 'ApiKey' always;
                        return 401 '{"error":"credentials not accepted by the proxy"}';
                      }
                      proxy_set_header Authorization $upstream_authorization;
                      proxy_pass %6$s;
                      proxy_ssl_verify on;
                      proxy_ssl_trusted_certificate %7$s;
                      proxy_ssl_name localhost;
                    }
                  }
                }
                """.formatted(workDir, map, port, cert, key, elasticsearchUrl, upstreamCa));
        Process process = new ProcessBuilder("nginx", "-p", workDir.toString(), "-c", config.toString(),
                "-e", workDir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("nginx.out").toFile()).start();
        CheckingProxy proxy = new CheckingProxy(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!proxy.listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                proxy.close();
                throw new IOException("nginx did not start: " + Files.readString(workDir.resolve("nginx.out"))
                        + (Files.exists(workDir.resolve("error.log")) ? Files.readString(workDir.resolve("error.log")) : ""));
            }
            Thread.sleep(100);
        }
        return proxy;
    }

    String url() {
        return "https://127.0.0.1:" + port;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
