package io.codis.proxy.session;

import io.codis.common.testkit.FreePorts;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A backend the test answers by hand, for what a real Redis will not do on demand: answer later than
 * another backend, or drop the connection with requests in flight. Takes one connection; reads RESP
 * requests and writes whatever the test says.
 */
final class ScriptedBackend implements AutoCloseable {

    private final ServerSocket server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    ScriptedBackend() {
        try {
            server = new ServerSocket(FreePorts.next(), 8, InetAddress.getLoopbackAddress());
            server.setSoTimeout(10_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String addr() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Reads the next request (accepting the proxy's connection first): its arguments joined by spaces. */
    String readRequest() {
        try {
            if (socket == null) {
                socket = server.accept();
                socket.setSoTimeout(10_000);
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            }
            String header = line();
            int argc = Integer.parseInt(header.substring(1));
            StringBuilder request = new StringBuilder();
            for (int i = 0; i < argc; i++) {
                int length = Integer.parseInt(line().substring(1));
                byte[] arg = in.readNBytes(length + 2);
                request.append(i == 0 ? "" : " ").append(new String(arg, 0, length, StandardCharsets.UTF_8));
            }
            return request.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the proxy closed the backend connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Writes {@code reply} (raw RESP) to the proxy. */
    void reply(String reply) {
        try {
            out.write(reply.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the proxy's connection. */
    void disconnect() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
