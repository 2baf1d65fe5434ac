package vn.onedesk.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.devices.AccessPolicy;
import vn.onedesk.gateway.devices.DeviceRegistry;
import vn.onedesk.gateway.presence.PresenceTracker;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.protocol.Topic;

/**
 * Not a test (no assertion; run by name only: {@code -Dtest=FanoutCostProbe}): what one delivery of a call costs the
 * gateway's event loops, in CPU time and bytes allocated on those threads (counted by the JVM per thread, so other
 * processes on a shared machine change them little), for 200 MQTT 3.1.1 QoS 1 displays and 300-byte calls, at
 * most two bursts of calls in flight. System properties: probe.displays, probe.calls, probe.burst, probe.jfr.
 */
class FanoutCostProbe {
    private static final String CALLS = GatewayHarness.PREFIX + "calls";

    @Test
    void measure() throws Exception {
        int displays = Integer.getInteger("probe.displays", 200);
        int calls = Integer.getInteger("probe.calls", 2000);
        int burst = Integer.getInteger("probe.burst", 1); // calls published together, as one centre task
        Vertx vertx = Vertx.vertx();
        DeviceRegistry devices = new DeviceRegistry(ConfigLoader.load(Map.of()).devices());
        MqttBroker broker = new MqttBroker(new SessionLimits(32, 10_000, Duration.ofHours(1), 1000,
                Duration.ofSeconds(1)));
        AccessPolicy access = new AccessPolicy();
        PresenceTracker presence = new PresenceTracker(broker, Clock.systemUTC());
        InboundRouter router = new InboundRouter(Map.of(Topic.DeviceStatus.class, presence), broker, access);
        MqttListener listener = new MqttListener(vertx, devices, access, broker, router, presence);
        int port = GatewayHarness.await(listener.listen("127.0.0.1", 0));
        AtomicLong received = new AtomicLong();
        List<MqttClient> clients = new ArrayList<>();
        ExecutorService connecting = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<MqttClient>> opening = new ArrayList<>();
        for (int i = 0; i < displays; i++) {
            String id = "probe-" + i;
            opening.add(connecting.submit(() -> {
                MqttClient c = new MqttClient("tcp://127.0.0.1:" + port, id,
                        new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
                c.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                    public void connectionLost(Throwable cause) {
                    }

                    public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                        received.incrementAndGet();
                    }

                    public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                    }
                });
                MqttConnectOptions o = new MqttConnectOptions();
                o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                o.setUserName("hall-1");
                o.setPassword("demo".toCharArray());
                o.setConnectionTimeout(30);
                c.connect(o);
                c.subscribe(CALLS, 1);
                return c;
            }));
        }
        for (var f : opening) {
            clients.add(f.get());
        }
        connecting.shutdown();
        byte[] payload = ("{\"seq\":1,\"ticket\":\"A-0123\",\"counter\":\"Q21\",\"service\":\"BHXH\",\"pad\":\""
                + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8);
        Context centre = vertx.getOrCreateContext();
        run(vertx, broker, centre, payload, calls / 4, burst, received, displays); // warm-up
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String jfr = System.getProperty("probe.jfr");
        jdk.jfr.Recording recording = null;
        if (jfr != null) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
        long[] before = loopTotals(threads);
        long wallStart = System.nanoTime();
        run(vertx, broker, centre, payload, calls, burst, received, displays);
        long wall = System.nanoTime() - wallStart;
        long[] after = loopTotals(threads);
        if (recording != null) {
            recording.stop();
            recording.dump(java.nio.file.Path.of(jfr));
        }
        long deliveries = (long) calls * displays;
        System.out.printf("PROBE displays=%d calls=%d deliveries=%d: event-loop CPU %.2f us/delivery, allocated %.0f"
                        + " B/delivery, wall %.2f s%n", displays, calls, deliveries,
                (after[0] - before[0]) / 1e3 / deliveries, (after[1] - before[1]) / (double) deliveries, wall / 1e9);
        clients.parallelStream().forEach(c -> {
            try {
                c.disconnect(0);
                c.close();
            } catch (Exception ignored) {
                // gone
            }
        });
        GatewayHarness.await(listener.close());
        GatewayHarness.await(vertx.close());
    }

    /** Publishes {@code calls} calls, {@code burst} per centre task, and waits until every display has every one. */
    private static void run(Vertx vertx, MqttBroker broker, Context centre, byte[] payload, int calls, int burst,
                            AtomicLong received, int displays) throws InterruptedException {
        long target = received.get() + (long) calls * displays;
        for (int sent = 0; sent < calls; sent += burst) {
            int n = Math.min(burst, calls - sent);
            Promise<Void> done = Promise.promise();
            centre.runOnContext(v -> {
                for (int i = 0; i < n; i++) {
                    broker.publish(OutboundMessage.of(CALLS, payload, MqttQoS.AT_LEAST_ONCE, false));
                }
                done.complete();
            });
            GatewayHarness.await(done.future());
            while (received.get() < target - (long) (calls - sent - n) * displays - (long) burst * displays) {
                Thread.sleep(1); // keep at most ~2 batches in flight, as calls come at a rate
            }
        }
        while (received.get() < target) {
            Thread.sleep(5);
        }
    }

    /** CPU ns and allocated bytes of the Vert.x event-loop threads, summed. */
    private static long[] loopTotals(com.sun.management.ThreadMXBean threads) {
        long cpu = 0;
        long bytes = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("vert.x-eventloop")) {
                cpu += threads.getThreadCpuTime(t.getId());
                bytes += threads.getThreadAllocatedBytes(t.getId());
            }
        }
        return new long[] {cpu, bytes};
    }
}
