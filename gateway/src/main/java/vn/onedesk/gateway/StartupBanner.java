package vn.onedesk.gateway;

import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.demo.DemoTraffic;
import vn.onedesk.gateway.mqtt.WebSocketBridge;
import vn.onedesk.gateway.staff.AuthApi;

/** What the log says once the gateway is up: the mode, where the data is, how to connect. */
final class StartupBanner {
    private StartupBanner() {
    }

    /**
     * How the banner names the address the gateway is bound to: {@code localhost} when that is every interface, else
     * that address (an IPv6 one in brackets, as in a URL), where alone it answers.
     */
    static String address(String bound) {
        String host = bound == null ? "" : bound.trim().replaceAll("^\\[(.*)]$", "$1");
        if (!WebSocketBridge.reachable(host).equals(host)) {
            return "localhost";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    static String text(OneDeskGateway gateway) {
        GatewayConfig config = gateway.config();
        StringBuilder b = new StringBuilder();
        b.append(config.demo()
                ? "OneDesk gateway is running in DEMO MODE (built-in demo centre; demo passwords, do not expose it)"
                : "OneDesk gateway is running with " + config.source());
        if (config.centres().isEmpty()) {
            b.append("\n  centre     none yet: create one at /admin");
        }
        for (CentreDefinition c : config.centres()) {
            b.append("\n  centre     ").append(c.id()).append(" – ").append(c.name()).append(": ")
                    .append(c.services().size()).append(" services, ").append(c.counters().size()).append(" counters");
        }
        b.append("\n  queue      routing policy ").append(config.routingPolicy()).append(", wait estimator ")
                .append(config.waitEstimator());
        b.append("\n  database   ").append(gateway.databaseDescription());
        String at = address(config.host());
        boolean secure = gateway.tls().isPresent();
        String http = (secure ? "https://" : "http://") + at + ":" + gateway.httpPort();
        if (gateway.mqttPort() >= 0) {
            b.append("\n  MQTT       tcp://").append(at).append(":").append(gateway.mqttPort())
                    .append(secure ? "  (plain, beside TLS" + (config.demo() ? ": the demo keeps it" : ": allowPlaintext")
                            + ")" : config.demo() ? "" : "  (plain: allowPlaintext, no TLS)");
        }
        if (gateway.mqttsPort() >= 0) {
            b.append("\n  MQTTS      mqtts://").append(at).append(":").append(gateway.mqttsPort()).append("  (TLS 1.2/1.3")
                    .append(config.tls().clientCertRoles().isEmpty() ? "" : "; client certificate required for "
                            + config.tls().clientCertRoles().stream().map(Enum::name).sorted().toList())
                    .append(")");
            b.append("\n  TLS        ").append(gateway.tls().get().describe())
                    .append(" (reloaded when the files change)");
        }
        b.append("\n  WebSocket  ").append(secure ? "wss://" : "ws://").append(at).append(":").append(gateway.httpPort())
                .append("/mqtt");
        b.append("\n  screens    ").append(http)
                .append("/  (hall display /display/hall, kiosk /kiosk, counter console /counter)");
        b.append("\n  health     ").append(http).append("/health");
        b.append("\n  metrics    ").append(http).append("/metrics (Prometheus; ")
                .append(gateway.metricsAccess().describe()).append(")");
        b.append("\n  login      ").append(http).append(AuthApi.LOGIN)
                .append(" (staff; reports need a manager's or an administrator's login)");
        b.append("\n  admin      ").append(http)
                .append("/admin  (centres, services, counters, devices, staff; API /api/v1/admin, described at")
                .append(" /api/v1/openapi.yaml)");
        if (config.demo() && !config.centres().isEmpty()) {
            String c = config.centres().get(0).id();
            b.append("\n  devices    kiosk-1, kiosk-2, hall-1, counter-Q01 … counter-Q24 (password: demo)");
            b.append("\n  staff      admin, manager, officer-Q01 … officer-Q24 (password: demo)");
            b.append("\n  traffic    ").append(gateway.demoTraffic().map(DemoTraffic::describe)
                    .orElse("off (" + ConfigLoader.ENV_DEMO_TRAFFIC + "=on plays a simulated day through kiosk-2 and"
                            + " counter-Q03 … counter-Q24)"));
            // One command that returns by itself: a subscriber printed here first would block the pasted terminal.
            b.append("\n  try        mosquitto_rr").append(at.equals("localhost") ? "" : " -h " + WebSocketBridge.reachable(config.host()))
                    .append(" -p ").append(gateway.mqttPort())
                    .append(" -u kiosk-1 -P demo -q 1 -W 10 -t 'onedesk/v1/").append(c)
                    .append("/kiosks/kiosk-1/tickets/request' -e 'onedesk/v1/").append(c)
                    .append("/kiosks/kiosk-1/tickets/response' -m '{\"requestId\":\"r1\",\"service\":\"TP\"}'");
            b.append("\n             (README, \"Try the demo\": the hall display, the kiosk and a counter, step by step)");
            b.append("\n  afresh     java -jar gateway/target/onedesk-gateway.jar --reset-demo [--no-demo-traffic]"
                    + " (an empty queue; or stop and delete ").append(config.dataDir()).append(")");
        }
        return b.toString();
    }
}
