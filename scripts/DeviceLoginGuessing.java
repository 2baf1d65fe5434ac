import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Password guessing against a running demo gateway (docs/security.md, "Device logins"): 20 threads send MQTT
 * CONNECTs with wrong passwords while kiosk-1, connected beforehand, takes a ticket every 200 ms; prints the
 * guesses' CONNACK codes, the kiosk's ticket latency and the CPU the gateway process used meanwhile.
 *
 * <pre>
 * java -cp ~/.m2/repository/org/eclipse/paho/org.eclipse.paho.client.mqttv3/1.2.5/org.eclipse.paho.client.mqttv3-1.2.5.jar \
 *   scripts/DeviceLoginGuessing.java PORT GATEWAY_PID SECONDS MODE
 * </pre>
 * MODE {@code one-id}: every guess is for counter-Q05, from 127.0.0.1 (the attack). MODE {@code many-ids}:
 * every guess claims a new device id from a new loopback address (127.3.x.y), so no lock ever applies and only the
 * bounded pool of password checks stands between the guessers and the CPU. MODE {@code none}: the kiosk alone.
 */
public class DeviceLoginGuessing {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String mode = args[3];
        String uri = "tcp://127.0.0.1:" + port;

        MqttClient kiosk = new MqttClient(uri, "probe-" + System.nanoTime(), new MemoryPersistence());
        LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
        kiosk.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            public void connectionLost(Throwable cause) {
            }

            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                replies.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        kiosk.connect(options("kiosk-1", "demo", null));
        kiosk.subscribe("onedesk/v1/hcc-tinh/kiosks/kiosk-1/tickets/response", 1);

        AtomicBoolean guessing = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> codes = new ConcurrentHashMap<>();
        List<Thread> guessers = new ArrayList<>();
        if (!mode.equals("none")) {
            for (int t = 0; t < 20; t++) {
                int thread = t;
                Thread g = new Thread(() -> {
                    for (int n = 0; guessing.get(); n++) {
                        boolean many = mode.equals("many-ids");
                        String id = many ? "guess-" + thread + "-" + n : "counter-Q05";
                        String from = many ? "127.3." + (n / 250 % 250) + "." + (n % 250 + 1) : null;
                        codes.computeIfAbsent(guess(uri, id, "wrong-" + n, from, thread), c -> new AtomicInteger())
                                .incrementAndGet();
                    }
                });
                g.start();
                guessers.add(g);
            }
            Thread.sleep(2000); // the guessers are all at it before anything is measured
        }
        long[] cpuBefore = cpu(pid);
        long start = System.nanoTime();
        List<Double> latencies = new ArrayList<>();
        int unanswered = 0;
        for (int i = 0; System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds); i++) {
            String id = "probe-" + System.nanoTime();
            long sent = System.nanoTime();
            kiosk.publish("onedesk/v1/hcc-tinh/kiosks/kiosk-1/tickets/request",
                    ("{\"requestId\":\"" + id + "\",\"service\":\"TP\"}").getBytes(StandardCharsets.UTF_8), 1, false);
            String reply = null;
            while (System.nanoTime() - sent < TimeUnit.SECONDS.toNanos(10)) {
                String r = replies.poll(100, TimeUnit.MILLISECONDS);
                if (r != null && r.contains(id)) {
                    reply = r;
                    break;
                }
            }
            if (reply == null || !reply.contains("\"ticket\"")) {
                unanswered++;
            } else {
                latencies.add((System.nanoTime() - sent) / 1e6);
            }
            Thread.sleep(200);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = cpu(pid);
        guessing.set(false);
        for (Thread g : guessers) {
            g.join();
        }
        kiosk.disconnect();
        kiosk.close();
        Collections.sort(latencies);
        double ticks = (cpuAfter[0] - cpuBefore[0]) + (cpuAfter[1] - cpuBefore[1]);
        System.out.printf("mode %s, %.0f s: gateway CPU %.2f cores; kiosk tickets %d (unanswered %d), latency"
                        + " p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms; guesses by CONNACK code %s%n",
                mode, elapsed, ticks / 100.0 / elapsed, latencies.size(), unanswered, pct(latencies, 50),
                pct(latencies, 95), pct(latencies, 99), latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1),
                codes);
    }

    private static int guess(String uri, String id, String password, String from, int thread) {
        try {
            MqttClient client = new MqttClient(uri, "guess-" + thread + "-" + System.nanoTime(),
                    new MemoryPersistence());
            try {
                client.connect(options(id, password, from));
                client.disconnect();
                return 0;
            } catch (MqttException e) {
                return e.getReasonCode();
            } finally {
                client.close(true);
            }
        } catch (MqttException e) {
            return -1;
        }
    }

    private static MqttConnectOptions options(String user, String password, String from) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setConnectionTimeout(30);
        o.setAutomaticReconnect(false);
        if (from != null) {
            o.setSocketFactory(new SocketFactory() {
                public Socket createSocket() throws java.io.IOException {
                    Socket s = new Socket();
                    s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
                    return s;
                }

                public Socket createSocket(String h, int p) {
                    throw new UnsupportedOperationException();
                }

                public Socket createSocket(String h, int p, InetAddress l, int lp) {
                    throw new UnsupportedOperationException();
                }

                public Socket createSocket(InetAddress h, int p) {
                    throw new UnsupportedOperationException();
                }

                public Socket createSocket(InetAddress h, int p, InetAddress l, int lp) {
                    throw new UnsupportedOperationException();
                }
            });
        }
        return o;
    }

    /** utime and stime of the process, in clock ticks (1/100 s). */
    private static long[] cpu(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
