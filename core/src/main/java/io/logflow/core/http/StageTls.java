package io.logflow.core.http;

import io.logflow.core.config.ConfigException;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS on a stage's HTTP port from PEM files, read again when they change: a renewed
 * certificate (cert-manager, certbot) is served to new connections without a restart.
 * A virtual thread compares the files' modification times every {@code pollEvery}; a
 * file caught half-written fails to load and is tried again at the next look, the old
 * certificate serving meanwhile.
 */
final class StageTls implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StageTls.class);

    private static final FileTime NONE = FileTime.fromMillis(0);

    private final LogFlowConfig.Tls settings;
    private final SslContextFactory.Server factory = new SslContextFactory.Server();
    private final Thread watcher;
    private volatile boolean closed;

    StageTls(LogFlowConfig.Tls settings, Duration pollEvery) {
        if (settings.certFile().isEmpty() || settings.keyFile().isEmpty()) {
            throw new ConfigException("http.tls needs both cert_file and key_file");
        }
        this.settings = settings;
        configure(factory);
        List<FileTime> seen = modificationTimes();
        watcher = Thread.ofVirtual().name("tls-watcher").start(() -> watch(seen, pollEvery));
    }

    SslContextFactory.Server factory() {
        return factory;
    }

    private void configure(SslContextFactory factory) {
        factory.setKeyStore(Pem.keyStore("stage", settings.certFile(), settings.keyFile()));
        factory.setKeyStorePassword(new String(Pem.STORE_PASSWORD));
        factory.setKeyManagerPassword(new String(Pem.STORE_PASSWORD));
        if (!settings.clientCaFile().isEmpty()) {
            factory.setTrustStore(Pem.trustStore("http.tls.client_ca_file", settings.clientCaFile()));
            ((SslContextFactory.Server) factory).setNeedClientAuth(true);
        }
    }

    private void watch(List<FileTime> seen, Duration pollEvery) {
        while (!closed) {
            try {
                Thread.sleep(pollEvery);
                List<FileTime> now = modificationTimes();
                if (!now.equals(seen)) {
                    factory.reload(this::configure);
                    seen = now;
                    log.atInfo().addKeyValue("cert_file", settings.certFile()).log("TLS certificate reloaded");
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log.atWarn().addKeyValue("cert_file", settings.certFile()).addKeyValue("reason", e.getMessage())
                        .log("TLS files changed but cannot be loaded; the previous certificate stays in use");
            }
        }
    }

    private List<FileTime> modificationTimes() {
        List<FileTime> times = new ArrayList<>();
        for (String file : List.of(settings.certFile(), settings.keyFile(), settings.clientCaFile())) {
            try {
                times.add(file.isEmpty() ? NONE : Files.getLastModifiedTime(Path.of(file)));
            } catch (IOException e) {
                times.add(NONE); // being replaced: look again next time
            }
        }
        return times;
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
    }
}
