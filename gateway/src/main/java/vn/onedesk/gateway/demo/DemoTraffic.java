package vn.onedesk.gateway.demo;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.simulation.Scenario;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;

/**
 * Demo traffic: a simulated day at the demo centre, played in real time (at an adjustable speed)
 * through the gateway's own MQTT server by simulated devices signed in with the demo's credentials,
 * so that whoever opens a hall display sees a living centre within seconds. Kiosk-2 takes the
 * tickets; the terminals of counters Q03–Q24 work them. Kiosk-1 and counters Q01–Q02 are left to
 * people. The traffic acts only as devices do: it reaches into no part of the gateway.
 */
public final class DemoTraffic {
    /**
     * The MQTT client logs every connection it makes at INFO; with two dozen simulated devices that
     * would bury the startup banner. Held here so that the level sticks (JUL keeps loggers weakly).
     */
    private static final Logger MQTT_CLIENT_LOG = Logger.getLogger("io.vertx.mqtt.impl.MqttClientImpl");

    private final Vertx vertx;
    private final String deploymentId;
    private final Plan plan;
    private final Instant start;
    private boolean stopped;

    private DemoTraffic(Vertx vertx, String deploymentId, Plan plan, Instant start) {
        this.vertx = vertx;
        this.deploymentId = deploymentId;
        this.plan = plan;
        this.start = start;
    }

    /** What will run, prepared before the gateway starts: the demo scenario is read here (blocking). */
    public static final class Plan {
        private final Scenario scenario;
        private final DemoCast cast;
        private final double speed;
        private final String host;

        private Plan(Scenario scenario, DemoCast cast, double speed, String host) {
            this.scenario = scenario;
            this.cast = cast;
            this.speed = speed;
            this.host = host;
        }

        /** Deploys the traffic on its own context; it connects to the gateway's MQTT port on {@code host}. */
        public Future<DemoTraffic> start(Vertx vertx, int mqttPort, Clock clock) {
            Instant start = new Timetable(scenario, cast.terminals().stream().map(DemoCast.Terminal::counter).toList())
                    .startAt(clock.instant());
            if (MQTT_CLIENT_LOG.getLevel() == null) {
                MQTT_CLIENT_LOG.setLevel(Level.WARNING);
            }
            DemoTrafficVerticle verticle = new DemoTrafficVerticle(scenario, cast, speed, host, mqttPort, clock, start);
            return vertx.deployVerticle(verticle).map(id -> new DemoTraffic(vertx, id, this, start));
        }
    }

    /**
     * The plan, when the configuration turns demo traffic on. Reads the shipped scenario, so it is
     * called on the starting thread, not on an event loop.
     */
    public static Optional<Plan> plan(GatewayConfig config) {
        if (!config.demoTraffic().enabled() || config.centres().isEmpty()) {
            return Optional.empty();
        }
        CentreDefinition centre = config.centres().get(0);
        return Optional.of(new Plan(DemoScenario.forCentre(centre), DemoCast.of(centre, config.devices()),
                config.demoTraffic().speed(), loopback(config.host())));
    }

    /** The gateway listens on every interface, or on one address: reach it on loopback when possible. */
    static String loopback(String bound) {
        return switch (bound) {
            case "0.0.0.0", "::", "0:0:0:0:0:0:0:0", "" -> "127.0.0.1";
            default -> bound;
        };
    }

    /**
     * Stops every timer of the traffic and the simulated devices: each simulated officer first closes
     * its counter through CLOSE (see {@link SimulatedCounterClosing}), then each device disconnects cleanly.
     */
    public Future<Void> stop() {
        if (stopped) {
            return Future.succeededFuture();
        }
        stopped = true;
        // Completed from whichever thread finishes the undeployment, bound to no context: what the caller
        // chains next (closing the servers, then Vert.x itself) must not be scheduled on the traffic's
        // event loop, which is gone by then.
        Promise<Void> undeployed = Promise.promise();
        vertx.undeploy(deploymentId).onComplete(ar -> undeployed.complete());
        return undeployed.future();
    }

    public String deploymentId() {
        return deploymentId;
    }

    public double speed() {
        return plan.speed;
    }

    /** The simulated devices, for the startup log: "kiosk-2, counter-Q03 … counter-Q24". */
    public String devices() {
        return plan.cast.devices();
    }

    /** The startup log's lines about the traffic. */
    public String describe() {
        String time = start.atZone(plan.scenario.centre().timezone()).format(DateTimeFormatter.ofPattern("HH:mm"));
        return "simulated day at " + speedText(plan.speed) + "× real time from " + time + " (centre time), played by "
                + devices() + "\n             turn it off: --no-demo-traffic or " + ConfigLoader.ENV_DEMO_TRAFFIC
                + "=off; kiosk-1, counter-Q01 and counter-Q02 are left for you";
    }

    private static String speedText(double speed) {
        return speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed);
    }
}
