package io.codis.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain socket speaking RESP (RESP2, and RESP3 after HELLO 3), to check the proxy's replies byte for byte. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(String... args) {
        StringBuilder sb = new StringBuilder();
        sb.append('*').append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    RawClient send(String text) {
        return sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    RawClient sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a command as a RESP array and returns its raw reply. */
    String call(String... args) {
        sendBytes(encode(args));
        return readReply();
    }

    /** One complete reply, as its raw text (CRLFs included). */
    String readReply() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            readValue(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return raw.toString(StandardCharsets.UTF_8);
    }

    /** Reads values until none is owed: an array's elements are owed in its place (no recursion, any depth). */
    private void readValue(ByteArrayOutputStream raw) throws IOException {
        long owed = 1;
        while (owed > 0) {
            owed--;
            String line = readLine(raw);
            switch (line.charAt(0)) {
                case '$', '=', '!' -> { // bulk string, RESP3's verbatim string and blob error
                    int length = Integer.parseInt(line.substring(1));
                    if (length >= 0) {
                        byte[] data = in.readNBytes(length + 2);
                        if (data.length != length + 2) {
                            throw new IOException("EOF in bulk");
                        }
                        raw.write(data);
                    }
                }
                case '*', '~', '>' -> owed += Math.max(0, Integer.parseInt(line.substring(1))); // array, RESP3's set and push
                case '%' -> owed += 2L * Integer.parseInt(line.substring(1)); // RESP3's map
                case '|' -> owed += 2L * Integer.parseInt(line.substring(1)) + 1; // RESP3's attribute, then the reply it annotates
                default -> {
                }
            }
        }
    }

    private String readLine(ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF after " + line.toString(StandardCharsets.UTF_8));
            }
            raw.write(b);
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    /** True when the proxy closed the connection (EOF) with nothing more to read. */
    boolean isClosedByPeer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // ignore
        }
    }
}
