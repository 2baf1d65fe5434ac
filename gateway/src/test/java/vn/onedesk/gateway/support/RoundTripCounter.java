package vn.onedesk.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback in front of PostgreSQL that counts round trips: each time the client sends after the server
 * has answered (or first), the client is waiting on a reply, and that is one more round trip. Bytes the client sends
 * without having heard from the server since (pipelined) count with the round trip they ride on. A count, not a
 * timing: the machine's load cannot change it (it could only add a round trip, when a reply happens to arrive between
 * two writes the client did not wait between).
 */
public final class RoundTripCounter implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private boolean serverSpokeLast = true;
    private int roundTrips;
    private volatile boolean closed;

    private RoundTripCounter(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    public static RoundTripCounter to(int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            RoundTripCounter relay = new RoundTripCounter(server, targetPort);
            Thread acceptor = new Thread(relay::acceptLoop, "round-trips-accept-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return relay;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the round-trip counter", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Round trips since the last reset, over every connection through the relay. */
    public int roundTrips() {
        synchronized (lock) {
            return roundTrips;
        }
    }

    public void reset() {
        synchronized (lock) {
            roundTrips = 0;
            serverSpokeLast = true;
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                open.add(client);
                open.add(target);
                pump(client, target, true);
                pump(target, client, false);
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("round-trip counter failed to accept", e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (lock) {
                        if (fromClient && serverSpokeLast) {
                            roundTrips++;
                        }
                        serverSpokeLast = !fromClient;
                    }
                    // counted before it is forwarded: the client cannot react to a reply this relay has not counted
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // a connection closed; the other pump sees it too
            } finally {
                close(from);
                close(to);
            }
        }, "round-trips-" + (fromClient ? "up" : "down"));
        t.setDaemon(true);
        t.start();
    }

    private void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
        open.remove(socket);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(this::close);
    }
}
