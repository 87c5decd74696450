package io.logflow.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.metrics.StageMetrics;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A fleet's agents each keep a connection open: what an idle keep-alive connection costs a
 * stage's heap must stay small (the ingestor runs in 60 MB). Jetty's default cache of header fields
 * is 96 KB a connection; 300 connections would hold 28 MB of it.
 */
class KeepAliveMemoryTest {

    private static final int CONNECTIONS = 300;
    private static final String REQUEST = """
            GET /health HTTP/1.1\r
            Host: 127.0.0.1\r
            User-Agent: fluent-bit/4.0\r
            Accept: application/json\r
            Content-Type: application/json\r
            \r
            """;

    @Test
    void anIdleKeepAliveConnectionHoldsNoHeaderCache() throws Exception {
        LogFlowConfig.Http plain = new LogFlowConfig.Http("127.0.0.1", new LogFlowConfig.Tls("", "", ""));
        List<Socket> clients = new ArrayList<>();
        try (StageServer server = StageServer.start("test", plain, 0, StageMetrics.registry("test"), Optional::empty)) {
            Socket first = new Socket("127.0.0.1", server.port());
            clients.add(first);
            askTwice(first); // Jetty's own buffers and classes, once
            long before = heapAfterCollection();
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket client = new Socket("127.0.0.1", server.port());
                clients.add(client);
                askTwice(client); // a connection's cache is filled from its second request
            }
            long grown = heapAfterCollection() - before;

            assertThat(grown / CONNECTIONS).as("heap bytes per idle keep-alive connection").isLessThan(16 * 1024);
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
    }

    private static void askTwice(Socket client) throws Exception {
        OutputStream out = client.getOutputStream();
        InputStream in = client.getInputStream();
        for (int i = 0; i < 2; i++) {
            out.write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(in.readNBytes(bodyLength(in)), StandardCharsets.US_ASCII);
            assertThat(answer).endsWith("{\"status\":\"ok\"}");
        }
    }

    /** Reads the head of an answer up to its body and says how long the body is. */
    private static int bodyLength(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        String headers = head.toString().toLowerCase();
        int at = headers.indexOf("content-length: ") + "content-length: ".length();
        return Integer.parseInt(headers.substring(at, headers.indexOf("\r\n", at)).trim());
    }

    private static long heapAfterCollection() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
