package io.codis.common.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends one inline command to a Redis-protocol server and reads the first line of its reply, for
 * readiness checks of test servers (tests talk to servers through a real client library).
 */
final class RespProbe {
    private RespProbe() {
    }

    /** The first reply line of {@code command} (e.g. "+PONG"), or null when nothing answers. */
    static String firstLine(int port, String password, String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (password != null) {
                out.write(("AUTH " + password + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String auth = readLine(in);
                if (auth == null || !auth.startsWith("+OK")) {
                    return auth;
                }
            }
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readLine(in);
        } catch (IOException e) {
            return null;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString().strip();
            }
            line.append((char) b);
        }
        return null;
    }
}
