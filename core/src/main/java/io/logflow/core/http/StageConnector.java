package io.logflow.core.http;

import io.logflow.core.config.LogFlowConfig;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;

/** A stage's listening socket: plain HTTP, or TLS from PEM files ({@link StageTls}). */
final class StageConnector {

    private StageConnector() {}

    /** TLS as configured, or null for plain HTTP. */
    static StageTls tls(LogFlowConfig.Http http) {
        return http.tls().enabled() ? new StageTls(http.tls(), Duration.ofSeconds(1)) : null;
    }

    static ServerConnector of(Server server, HttpConfiguration httpConfig, String host, int port, StageTls tls) {
        // Jetty's default keeps a 96 KB cache of header fields per keep-alive connection: 256
        // clients filled an 80 MB heap and the ingestor collected all of it three times a second
        httpConfig.setHeaderCacheSize(0);
        ServerConnector connector;
        if (tls == null) {
            connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        } else {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // one certificate: there is nothing for the name to choose
            httpConfig.addCustomizer(secure);
            connector = new ServerConnector(server, tls.factory(), new HttpConnectionFactory(httpConfig));
        }
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    static void logListening(Logger log, String stage, LogFlowConfig.Http http, int port, StageTls tls) {
        log.atInfo().addKeyValue("stage", stage).addKeyValue("host", http.host()).addKeyValue("port", port)
                .addKeyValue("tls", tls != null).addKeyValue("client_certificates", tls != null
                        && !http.tls().clientCaFile().isEmpty()).log("http server listening");
    }
}
