package vn.onedesk.gateway.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.persistence.CentreLeases;

/**
 * Which centres this node writes. Every node runs the same loop: renew the leases it holds (a centre whose lease was
 * taken stops at once), hand over the centres that now belong to another member ({@link Rendezvous}), and take the
 * ones that belong to it once their lease is free or expired. A node that dies stops renewing: its centres are free
 * one lease later and their new owners load them from PostgreSQL.
 *
 * <p>One round at a time, on this object's context; a membership change asks for a round at once.
 */
public final class CentreOwnership {
    private static final Logger LOG = Logger.getLogger(CentreOwnership.class.getName());

    /** How long a lease lasts without renewal: the longest a dead node's centres wait for a new owner. */
    public static final Duration LEASE = Duration.ofSeconds(3);
    /** How often the leases are renewed and the ownership looked at: several renewals per lease. */
    public static final Duration ROUND = Duration.ofMillis(500);
    /** How many centres a node loads at once when it takes several. */
    static final int PARALLEL = 4;

    private final Vertx vertx;
    private final Context context;
    private final ClusterMembership membership;
    private final CentreLeases leases;
    private final HeldLeases held;
    private final CentreRunner runner;
    private final Supplier<List<CentreDefinition>> catalogue;
    private final Consumer<Change> changes;
    private boolean running;
    private boolean again;
    private boolean stopped;
    private long timer = -1;

    /** A centre this node took (gained) or gave up. */
    public record Change(String centre, boolean gained, String why) {
    }

    public CentreOwnership(Vertx vertx, ClusterMembership membership, CentreLeases leases, HeldLeases held,
                           CentreRunner runner, Supplier<List<CentreDefinition>> catalogue, Consumer<Change> changes) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.membership = membership;
        this.leases = leases;
        this.held = held;
        this.runner = runner;
        this.catalogue = catalogue;
        this.changes = changes;
    }

    /** Takes this node's share now (the returned future completes after the first round), then keeps it up to date. */
    public Future<Void> start() {
        membership.onChange(() -> context.runOnContext(v -> round()));
        // a first round that could not take everything (a slow database) is not a failed start: the next rounds go on
        Future<Void> first = Future.future(p -> context.runOnContext(v -> round().otherwiseEmpty().onComplete(p)));
        return first.onComplete(ar ->
                context.runOnContext(v -> timer = vertx.setPeriodic(ROUND.toMillis(), t -> round())));
    }

    /** Stops the loop and gives every centre back, so that the other nodes take them at once. */
    public Future<Void> stop() {
        return Future.<Void>future(p -> context.runOnContext(v -> {
            stopped = true;
            vertx.cancelTimer(timer);
            List<Future<Void>> released = new ArrayList<>();
            held.all().forEach((centre, epoch) -> released.add(runner.stop(centre)
                    .transform(x -> leases.release(centre, held.node(), epoch))
                    .andThen(x -> {
                        held.lost(centre);
                        changes.accept(new Change(centre, false, "this node is stopping"));
                    })));
            Future.join(released).<Void>mapEmpty().onComplete(p);
        }));
    }

    public Set<String> owned() {
        return held.all().keySet();
    }

    private Future<Void> round() {
        if (stopped) {
            return Future.succeededFuture();
        }
        if (running) {
            again = true;
            return Future.succeededFuture();
        }
        running = true;
        return renew().compose(v -> rebalance()).andThen(ar -> {
            if (ar.failed()) {
                LOG.warning("centre ownership: " + ar.cause().getMessage() + "; trying again in " + ROUND.toMillis()
                        + " ms");
            }
            running = false;
            if (again) {
                again = false;
                context.runOnContext(x -> round());
            }
        });
    }

    private Future<Void> renew() {
        Map<String, Long> mine = held.all();
        return leases.renew(held.node(), mine, LEASE).compose(kept -> {
            List<Future<Void>> stops = new ArrayList<>();
            mine.forEach((centre, epoch) -> {
                if (!epoch.equals(kept.get(centre))) {
                    held.lost(centre);
                    changes.accept(new Change(centre, false, "its lease was taken over"));
                    stops.add(runner.stop(centre));
                }
            });
            return Future.join(stops).mapEmpty();
        });
    }

    /**
     * Takes and hands over several centres at a time: after a node died, its survivors each load their share of its
     * centres together (measured: one at a time, 16 centres took 6.1 s from the kill to the last one served), but at
     * most {@link #PARALLEL} loads at once, which leaves connections of the pool to the centres already running (all
     * at once, 14 loads on the 8 connections waited past the database timeout and failed).
     */
    private Future<Void> rebalance() {
        Set<String> members = membership.members();
        String self = membership.self();
        List<java.util.function.Supplier<Future<Void>>> moves = new ArrayList<>();
        Map<String, CentreDefinition> known = new HashMap<>();
        catalogue.get().forEach(c -> known.put(c.id(), c));
        for (CentreDefinition centre : known.values()) {
            Optional<String> owner = Rendezvous.owner(centre.id(), members);
            boolean mine = held.epoch(centre.id()).isPresent();
            if (owner.isPresent() && owner.get().equals(self) && !mine) {
                moves.add(() -> take(centre));
            } else if (mine && owner.isPresent() && !owner.get().equals(self)) {
                moves.add(() -> handOver(centre.id(), owner.get()));
            }
        }
        // a centre the administration removed while this node ran it
        for (String centre : held.all().keySet()) {
            if (!known.containsKey(centre)) {
                moves.add(() -> handOver(centre, "nobody"));
            }
        }
        List<Future<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < PARALLEL; lane++) {
            Future<Void> chain = Future.succeededFuture();
            for (int i = lane; i < moves.size(); i += PARALLEL) {
                java.util.function.Supplier<Future<Void>> move = moves.get(i);
                chain = chain.transform(previous -> move.get().onFailure(e -> LOG.warning("centre ownership: "
                        + e.getMessage())));
            }
            lanes.add(chain);
        }
        return Future.join(lanes).mapEmpty();
    }

    private Future<Void> take(CentreDefinition centre) {
        return leases.acquire(centre.id(), held.node(), LEASE).compose(epoch -> {
            if (epoch.isEmpty()) {
                return Future.succeededFuture(); // its previous owner still holds it: a later round takes it
            }
            held.held(centre.id(), epoch.getAsLong());
            return runner.start(centre, held).map(v -> {
                changes.accept(new Change(centre.id(), true, "writer epoch " + epoch.getAsLong()));
                return (Void) null;
            }).recover(e -> {
                held.lost(centre.id());
                return leases.release(centre.id(), held.node(), epoch.getAsLong())
                        .transform(x -> Future.failedFuture("centre " + centre.id() + " did not start: "
                                + e.getMessage()));
            });
        });
    }

    private Future<Void> handOver(String centre, String to) {
        long epoch = held.epoch(centre).orElseThrow();
        held.lost(centre);
        return runner.stop(centre).transform(x -> leases.release(centre, held.node(), epoch))
                .andThen(x -> changes.accept(new Change(centre, false, "handed over to " + to)));
    }
}
