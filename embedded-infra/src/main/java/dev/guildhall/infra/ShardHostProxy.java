package dev.guildhall.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP hop in front of one shard's database, standing for the host it runs on (ADR 247): while up it forwards
 * every connection to the real MariaDB; {@link #kill()} models the host's MariaDB dying — every open connection is
 * reset and every new one reset right after it is accepted, as the kernel of a host whose database process died
 * answers — until {@link #revive()}. The embedded infrastructure runs every shard in one MariaDB; this lets one
 * shard die while the others stay.
 */
public final class ShardHostProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean alive = true;

    public ShardHostProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "shard-host-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The shard's database dies: open connections reset, new ones reset at once. */
    public void kill() {
        alive = false;
        open.forEach(ShardHostProxy::reset);
        open.clear();
    }

    /** The database is back (with its data: the real MariaDB behind never stopped). */
    public void revive() {
        alive = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (!alive) {
                reset(client);
                continue;
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // either side gone
            } finally {
                reset(from);
                reset(to);
                open.remove(from);
                open.remove(to);
            }
        }, "shard-host-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }

    @Override
    public void close() {
        kill();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
