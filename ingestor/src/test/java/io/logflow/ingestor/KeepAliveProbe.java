package io.logflow.ingestor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Two requests on one connection, the first one's body sent a moment after its head (as it
 * can arrive over a real network, after the server decided to refuse it): the status lines
 * of both answers, or fewer when the server closed the connection under the client.
 */
final class KeepAliveProbe {

    private KeepAliveProbe() {}

    static List<String> statusLines(int port, String firstHead, String firstBody, String second) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((firstHead + "Content-Length: " + firstBody.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            out.write((firstBody + second).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> statusLines = new ArrayList<>();
            try {
                for (String line; statusLines.size() < 2 && (line = in.readLine()) != null; ) {
                    int status = line.indexOf("HTTP/1.1 "); // a body without a final newline runs into the next answer
                    if (status >= 0) {
                        statusLines.add(line.substring(status));
                    }
                }
            } catch (IOException closedUnderTheClient) {
                // fewer than two answers tell it
            }
            return statusLines;
        }
    }

    /** A whole request: head, length and body. */
    static String request(String head, String body) {
        return head + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }
}
