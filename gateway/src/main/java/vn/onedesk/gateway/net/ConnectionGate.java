package vn.onedesk.gateway.net;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.monitoring.ConnectionListener;
import vn.onedesk.monitoring.ConnectionMetrics;
import vn.onedesk.monitoring.ConnectionRefusal;

/**
 * Counts one listener's open connections, in total and per client address, and refuses one over either cap. A
 * refusal is counted in {@code onedesk_connections_refused_total{listener, reason}} and logged at most once per
 * interval per reason (with the address and how many were left out); the open count is the gauge
 * {@code onedesk_connections_open{listener}}. Thread-safe: connections arrive on every event loop.
 *
 * <p>A connection is let in by {@link #admit(Channel)} (released when its channel closes) or, for something that is
 * not a channel of its own (a server-sent-event stream), by {@link #tryAcquire} and the returned slot's release.
 */
public final class ConnectionGate {
    private static final Logger LOG = Logger.getLogger(ConnectionGate.class.getName());

    private final ConnectionListener listener;
    private final int total;
    private final int perAddress;
    private final ConnectionMetrics metrics;
    private final QuietLog quiet = new QuietLog(LOG);
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    /** Dials of the WebSocket bridge not yet accepted: see {@link #expectBridged}. */
    private final AtomicInteger bridgedPending = new AtomicInteger();
    private volatile InetAddress bridgeSource;

    /**
     * @param total      the most open at once; at least 1
     * @param perAddress the most open at once from one address; 0 = no such cap
     */
    public ConnectionGate(ConnectionListener listener, int total, int perAddress, ConnectionMetrics metrics) {
        if (total < 1 || perAddress < 0) {
            throw new IllegalArgumentException("a gate needs a total of at least 1 and a per-address cap of 0 or more");
        }
        this.listener = listener;
        this.total = total;
        this.perAddress = perAddress;
        this.metrics = metrics;
        metrics.connectionsOpen(listener, 0);
    }

    public int total() {
        return total;
    }

    public int perAddress() {
        return perAddress;
    }

    /** How many are open now. */
    public int open() {
        return open.get();
    }

    /**
     * A slot held by one stream, or the cap that refused it ({@link #refused()}); a held slot is given back once by
     * {@link #release}.
     */
    public final class Slot {
        private final InetAddress address;
        private final ConnectionRefusal refused;
        private boolean released;

        private Slot(InetAddress address, ConnectionRefusal refused) {
            this.address = address;
            this.refused = refused;
            this.released = refused != null;
        }

        public Optional<ConnectionRefusal> refused() {
            return Optional.ofNullable(refused);
        }

        /** Gives a held slot back; calling it again, or on a refused one, does nothing. */
        public synchronized void release() {
            if (!released) {
                released = true;
                ConnectionGate.this.release(address);
            }
        }
    }

    /**
     * Takes a slot for {@code address} (null when unknown: counted in the total only), or says which cap refused it;
     * a refusal is counted and logged.
     */
    public Slot tryAcquire(InetAddress address) {
        Optional<ConnectionRefusal> refused = take(address, perAddress > 0);
        refused.ifPresent(reason -> refuse(reason, address));
        return new Slot(address, refused.orElse(null));
    }

    /**
     * A new connection, before anything of it is read: true if it may stay (and it is counted until its channel
     * closes), false if a cap is reached (counted and logged; the caller closes it at once).
     */
    public boolean admit(Channel channel) {
        return admit(channel, addressOf(channel.remoteAddress()));
    }

    /**
     * As {@link #admit(Channel)}, for a connection whose client is at {@code address} rather than at the channel's
     * peer: behind a load balancer speaking the PROXY protocol, the address its header names.
     */
    public boolean admit(Channel channel, InetAddress address) {
        // the bridge's connection counts in the total only: its browser was counted by address on /mqtt
        InetAddress counted = address != null && isBridged(address) ? null : address;
        Optional<ConnectionRefusal> refused = take(counted, perAddress > 0);
        if (refused.isPresent()) {
            refuse(refused.get(), address);
            return false;
        }
        channel.closeFuture().addListener(f -> release(counted));
        return true;
    }

    /**
     * The WebSocket bridge is about to dial this listener from {@code source} for a browser: the next connection
     * from that address is the bridge's, counted in the total but not against the address, since the browser's own
     * address was counted where it connected (/mqtt, on the HTTP listener). Only a process on the gateway's own
     * machine can connect from that address, so a connection taken for the bridge's by mistake is a local one.
     */
    public void expectBridged(InetAddress source) {
        bridgeSource = source;
        bridgedPending.incrementAndGet();
    }

    /** The dial announced by {@link #expectBridged} failed: no connection of the bridge's is coming for it. */
    public void bridgedDialFailed() {
        bridgedPending.updateAndGet(n -> n > 0 ? n - 1 : 0);
    }

    private boolean isBridged(InetAddress address) {
        if (!address.equals(bridgeSource)) {
            return false;
        }
        while (true) {
            int pending = bridgedPending.get();
            if (pending == 0) {
                return false;
            }
            if (bridgedPending.compareAndSet(pending, pending - 1)) {
                return true;
            }
        }
    }

    /** Counts one in, or says which cap stops it; nothing is counted when refused. */
    private Optional<ConnectionRefusal> take(InetAddress address, boolean checkAddress) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            return Optional.of(ConnectionRefusal.TOTAL);
        }
        if (address != null) {
            int[] now = new int[1];
            byAddress.compute(address, (a, n) -> {
                AtomicInteger count = n == null ? new AtomicInteger() : n;
                now[0] = count.incrementAndGet();
                return count;
            });
            if (checkAddress && now[0] > perAddress) {
                release(address);
                return Optional.of(ConnectionRefusal.PER_ADDRESS);
            }
        }
        metrics.connectionsOpen(listener, open.get());
        return Optional.empty();
    }

    private void release(InetAddress address) {
        if (address != null) {
            byAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
        metrics.connectionsOpen(listener, open.decrementAndGet());
    }

    private void refuse(ConnectionRefusal reason, InetAddress address) {
        metrics.connectionRefused(listener, reason);
        String who = address == null ? "an unknown address" : address.getHostAddress();
        String what = listener == ConnectionListener.SSE ? "an event stream" : "a connection";
        quiet.log(Level.WARNING, "refused " + reason, () -> switch (reason) {
            case TOTAL -> listener.label() + ": refused " + what + " from " + who + ": " + total + " are open, the"
                    + " most allowed (gateway.limits; derived from the open-files limit unless set)";
            case PER_ADDRESS -> listener.label() + ": refused " + what + " from " + who + ": it has " + perAddress
                    + " open, the most one address may have (gateway.limits)";
        });
    }

    /** How many are open from this address now (for tests and the log). */
    public int openFrom(InetAddress address) {
        AtomicInteger n = byAddress.get(address);
        return n == null ? 0 : n.get();
    }

    public static InetAddress addressOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
