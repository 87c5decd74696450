package io.logflow.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * HTTP/1.1 spoken by hand over a socket, for requests no well-behaved client sends:
 * malformed request lines, lying Content-Lengths, bodies that trickle or never finish.
 */
final class RawHttp {

    record Response(int status, String headers, String body) {
        boolean isJson() {
            return headers.toLowerCase().contains("content-type: application/json");
        }
    }

    private RawHttp() {}

    static byte[] request(String method, String path, String contentType, byte[] body) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        return concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body == null ? new byte[0] : body);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    /** What a client does between two pieces of its request. */
    interface Pause {
        void between() throws InterruptedException;
    }

    /** Sends the pieces one after another, {@code pause} apart, then reads the answer. */
    static Response exchange(int port, List<byte[]> pieces, Duration pause) throws IOException, InterruptedException {
        return exchange(port, pieces, () -> Thread.sleep(pause));
    }

    /** Sends the pieces one after another, {@code pause} between each two, then reads the answer. */
    static Response exchange(int port, List<byte[]> pieces, Pause pause) throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                for (int i = 0; i < pieces.size(); i++) {
                    if (i > 0) {
                        pause.between();
                    }
                    out.write(pieces.get(i));
                    out.flush();
                }
            } catch (IOException serverStoppedReading) {
                // a server may answer and close before a large body is sent: read its answer
            }
            return read(socket.getInputStream());
        }
    }

    static Response exchange(int port, byte[] request) throws IOException, InterruptedException {
        return exchange(port, List.of(request), Duration.ZERO);
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
                if (complete(all.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // keep what arrived
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
            throw new IOException("no HTTP response; received: " + text);
        }
        String head = text.substring(0, headEnd);
        String body = text.substring(headEnd + 4);
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Response(Integer.parseInt(head.substring(9, 12)), head,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static boolean complete(String text) {
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = text.substring(0, headEnd).toLowerCase();
        int lengthAt = head.indexOf("content-length: ");
        if (lengthAt >= 0) {
            int length = Integer.parseInt(head.substring(lengthAt + 16).split("\r\n")[0].trim());
            return text.length() - headEnd - 4 >= length;
        }
        return head.contains("transfer-encoding: chunked") && text.endsWith("0\r\n\r\n");
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
