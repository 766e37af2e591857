package org.weimin.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client over a socket for the hostile-input suite: it sends exactly the bytes it is given (a
 * malformed request line, control characters in headers, a body in any encoding, a lying Content-Length), which
 * {@code java.net.http} and Spring's clients refuse to send. One connection per request ({@code Connection: close}).
 */
final class RawHttp {
    /** A reply: status, headers (names lower-cased, last value wins) and the de-chunked body. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line; {@code Content-Length} is added when
     * {@code body} is not null and the head names none) and {@code body}, and reads the whole reply.
     *
     * @throws IOException when the server closes the connection without any reply
     */
    static Reply send(int port, String head, byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        String lower = head.toLowerCase(Locale.ROOT);
        StringBuilder h = new StringBuilder(head);
        if (!lower.contains("\r\nhost:")) {
            h.append("\r\nHost: 127.0.0.1:").append(port);
        }
        if (!lower.contains("\r\nconnection:")) {
            h.append("\r\nConnection: close");
        }
        if (body != null && !lower.contains("\r\ncontent-length:") && !lower.contains("\r\ntransfer-encoding:")) {
            h.append("\r\nContent-Length: ").append(body.length);
        }
        h.append("\r\n\r\n");
        // Headers are sent as ISO-8859-1 bytes: a char above 0xFF is the caller's choice of raw bytes already.
        request.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.write(body);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server answered and closed before reading everything (e.g. an oversized head): read its reply.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            if (all.size() == 0) {
                throw e; // reset before any reply
            }
        }
        return all.toByteArray();
    }

    static Reply parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        while (end > 0 && raw.length > 12 && raw[9] == '1' && raw[0] == 'H') {
            // an interim 1xx reply (e.g. 100 Continue): the final one follows
            raw = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
            end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        if (end < 0) {
            throw new IOException("no complete reply head in " + raw.length + " bytes: "
                    + new String(raw, StandardCharsets.ISO_8859_1));
        }
        List<String> lines = List.of(new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n"));
        int status = Integer.parseInt(lines.get(0).split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Reply(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = indexOf(chunked, i, "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                break;
            }
            String size = new String(chunked, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].trim();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(n, chunked.length - lineEnd - 2));
            i = lineEnd + 2 + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, 0, pattern);
    }

    private static int indexOf(byte[] data, int from, byte[] pattern) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
