package vn.onedesk.gateway;

import io.vertx.core.Vertx;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
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

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$-7s %3$s: %5$s%6$s%n");
        System.setProperty("vertx.disableDnsResolver", "true");
        if (args.length > 0 && args[0].equals("hash-password")) {
            hashPassword();
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
        run(config);
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
                        + NO_DEMO_TRAFFIC + "] [" + DemoReset.FLAG + "] | hash-password | simulate --scenario FILE ...");
            }
            env.put(ConfigLoader.ENV_DEMO_TRAFFIC, "off"); // the flag wins over the environment
        }
        return env;
    }

    private static void run(GatewayConfig config) throws InterruptedException {
        Logger log = Logger.getLogger("onedesk");
        GatewayMonitoring monitoring = GatewayMonitoring.create();
        Vertx vertx = monitoring.newVertx();
        CountDownLatch started = new CountDownLatch(1);
        OneDeskGateway[] running = new OneDeskGateway[1];
        OneDeskGateway.start(vertx, config, Clock.systemUTC(), monitoring).onComplete(ar -> {
            if (ar.failed()) {
                log.log(Level.SEVERE, "OneDesk could not start: " + ar.cause().getMessage(), ar.cause());
                vertx.close();
                System.exit(1);
            }
            running[0] = ar.result();
            log.info(StartupBanner.text(running[0]));
            started.countDown();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (running[0] != null) {
                CountDownLatch stopped = new CountDownLatch(1);
                running[0].stop().eventually(vertx::close).onComplete(ar -> stopped.countDown());
                try {
                    stopped.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "onedesk-shutdown"));
        started.await();
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
