package vn.onedesk.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of the gateway's HTTP port (or of PostgreSQL), whose cable the test can pull.
 *
 * <p>A page opened through it really loses its network when it is {@link #cut()}: every open connection
 * (the MQTT WebSocket, SSE streams) is reset on both sides, and new connections are reset as soon as
 * they are accepted, until {@link #restore()}. The gateway sees the same as when a display's Wi-Fi drops.
 */
public final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean cut;
    private volatile boolean frozen;
    private volatile boolean held;
    private final Object holding = new Object();
    private volatile boolean closed;

    private CuttableProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    public static CuttableProxy to(int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            CuttableProxy proxy = new CuttableProxy(server, targetPort);
            Thread acceptor = new Thread(proxy::acceptLoop, "proxy-accept-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the test proxy", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Resets every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            reset(socket);
        }
        open.clear();
    }

    /**
     * From now on every byte is read and thrown away, in both directions, and the sockets stay open: the far
     * side learns of the loss only from a lapsed keep-alive.
     */
    public void freeze() {
        frozen = true;
    }

    /**
     * Stops forwarding without losing a byte, in both directions, until {@link #release()}: what is sent waits,
     * connections (new ones too) stay open and nothing is refused. To the gateway, a database behind the proxy looks
     * exactly like a server frozen with SIGSTOP; after the release it carries on where it stopped, so a commit that
     * was sent lands late.
     */
    public void hold() {
        held = true;
    }

    /** Forwards again everything that waited during {@link #hold()}, in order. */
    public void release() {
        synchronized (holding) {
            held = false;
            holding.notifyAll();
        }
    }

    private void awaitRelease() throws IOException {
        synchronized (holding) {
            while (held && !closed) {
                try {
                    holding.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while held", e);
                }
            }
        }
    }

    /** {@code tcp://} address of the proxy, for MQTT clients. */
    public String tcpUri() {
        return "tcp://127.0.0.1:" + port();
    }

    public void restore() {
        cut = false;
    }

    public boolean isCut() {
        return cut;
    }

    /** Client connections refused while cut: evidence that the page tried, and failed, to come back. */
    public long refusedWhileCut() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitRelease();
                    if (!frozen) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // reset or closed: end both sides below
            } finally {
                open.remove(from);
                open.remove(to);
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump-" + from.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes with RST rather than FIN, as a dropped network looks to the other side once it notices. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    @Override
    public void close() {
        closed = true;
        release();
        cut();
        try {
            server.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
