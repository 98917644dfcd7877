package dev.polyledger.platform.http.auth.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy to the local Redis that the test switches off and on: while off, it cuts every open connection and
 * closes new ones at once, as a Redis that went away would look to a client.
 */
final class RedisSwitch implements AutoCloseable {
    private final ServerSocket server;
    private final int redisPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean on;

    RedisSwitch(int redisPort) throws IOException {
        this.redisPort = redisPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "redis-switch");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void on() {
        on = true;
    }

    void off() {
        on = false;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!on) {
                    closeQuietly(client);
                    continue;
                }
                Socket redis = new Socket(InetAddress.getLoopbackAddress(), redisPort);
                open.add(client);
                open.add(redis);
                pipe(client, redis);
                pipe(redis, client);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // one side went away: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "redis-switch-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        off();
        server.close();
    }
}
