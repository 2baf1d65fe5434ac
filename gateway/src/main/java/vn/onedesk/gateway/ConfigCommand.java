package vn.onedesk.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.onedesk.gateway.admin.ConfigImport;
import vn.onedesk.gateway.config.ConfigException;
import vn.onedesk.gateway.config.ConfigFile;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;

/**
 * {@code config export} and {@code config import FILE}: backups, and moving a configuration between environments.
 * Both open the installation's database as the gateway does (ONEDESK_CONFIG, ONEDESK_PG_URL, ONEDESK_DATA_DIR), with
 * the gateway's core listening on loopback only, on free ports, for as long as the command runs; an import follows
 * exactly the administration API's rules (see {@link ConfigImport}). With the embedded database, stop the gateway
 * first: only one process can hold its data folder.
 */
final class ConfigCommand {
    static final int USAGE = 64;
    /** Some changes were refused (EX_DATAERR); the others were applied. */
    static final int REFUSED = 65;

    private ConfigCommand() {
    }

    static int run(List<String> args, Map<String, String> processEnv, PrintStream out, PrintStream err) {
        boolean export = args.size() == 1 && args.get(0).equals("export");
        boolean doImport = args.size() == 2 && args.get(0).equals("import");
        if (!export && !doImport) {
            err.println("usage: java -jar onedesk-gateway.jar config export > FILE | config import FILE");
            return USAGE;
        }
        Map<String, String> env = new HashMap<>(processEnv);
        env.put(ConfigLoader.ENV_DEMO_TRAFFIC, "off");
        GatewayConfig installation;
        GatewayConfig file = null;
        JsonArray staff = new JsonArray();
        try {
            installation = ConfigLoader.load(env).withPorts(0, 0).withHost("127.0.0.1");
            installation = installation.withTls(installation.tls().withMqttsPort(0)); // beside a running gateway
            if (doImport) {
                Map<String, String> fileEnv = new HashMap<>(env);
                fileEnv.put(ConfigLoader.ENV_CONFIG, args.get(1));
                file = ConfigLoader.loadToImport(fileEnv); // its centres, devices and staff only
                JsonObject raw = ConfigFile.read(Path.of(args.get(1))).json();
                staff = raw == null ? new JsonArray() : raw.getJsonArray("staff", new JsonArray());
            }
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        try {
            OneDeskGateway gateway = OneDeskGateway.start(vertx, installation, Clock.systemUTC())
                    .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
            try {
                if (export) {
                    out.println(await(gateway.administration().imports().export()).encodePrettily());
                    return 0;
                }
                ConfigImport.Outcome outcome = await(gateway.administration().imports().apply(file, staff,
                        "import:" + Path.of(args.get(1)).getFileName()));
                outcome.changes().forEach(line -> out.println("applied: " + line));
                outcome.refusals().forEach(line -> err.println("refused: " + line));
                if (outcome.changedNothing()) {
                    out.println("nothing to change: the database already holds what " + args.get(1) + " says");
                }
                return outcome.refusals().isEmpty() ? 0 : REFUSED;
            } finally {
                await(gateway.stop());
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            err.println("config " + args.get(0) + " failed: " + (cause instanceof StartupFailure f ? f.getMessage()
                    : String.valueOf(cause.getMessage())));
            return cause instanceof StartupFailure f ? f.exitCode() : 1;
        } catch (Exception e) {
            err.println("config " + args.get(0) + " failed: " + e.getMessage());
            return 1;
        } finally {
            vertx.close();
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
}
