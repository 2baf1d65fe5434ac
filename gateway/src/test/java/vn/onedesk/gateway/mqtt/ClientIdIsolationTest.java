package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.LogCapture;
import vn.onedesk.gateway.support.Mqtt5Messages;
import vn.onedesk.gateway.support.TestDevice;

/**
 * A session belongs to (device, client id): a device that connects with a client id another device holds,
 * connected or as a stored session, is refused with "client identifier not valid", and the holder is left alone.
 * The same device coming back with its own client id still takes its session over, as MQTT says.
 */
class ClientIdIsolationTest {
    private static final String CALLS = PREFIX + "calls";
    /** MQTT 3.1.1 CONNACK 0x02, identifier rejected, as Paho reports it. */
    private static final int IDENTIFIER_REJECTED = MqttException.REASON_CODE_INVALID_CLIENT_ID;
    /** MQTT 5 CONNACK 0x85, client identifier not valid. */
    private static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;

    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.startDemo();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aDeviceUsingTheClientIdOfAConnectedDeviceIsRefusedAndTheHolderStaysConnected() throws Exception {
        String clientId = "hall-1-" + System.nanoTime();
        try (LogCapture log = LogCapture.of(MqttListener.class);
             TestDevice display = TestDevice.connect(gateway.mqttUri(), "hall-1", "demo", clientId, true, 60)) {
            MqttException refused = assertThrows(MqttException.class,
                    () -> TestDevice.connect(gateway.mqttUri(), "counter-Q05", "demo", clientId, true, 60));
            assertEquals(IDENTIFIER_REJECTED, refused.getReasonCode(), refused.toString());

            assertTrue(display.isConnected(), "the holder was not knocked off");
            assertArrayEquals(new int[] {1}, display.subscribe(CALLS), "and is still served");
            String text = log.text();
            assertTrue(text.contains("refused CONNECT of device counter-Q05") && text.contains(clientId), text);
            assertFalse(text.contains("hall-1 connected again"), "the holder is not blamed: " + text);
        }
    }

    @Test
    void aDeviceUsingTheClientIdOfAnotherDevicesStoredSessionIsRefusedAndTheSessionIsKept() throws Exception {
        String clientId = "hall-kept-" + System.nanoTime();
        try (TestDevice display = TestDevice.connect(gateway.mqttUri(), "hall-1", "demo", clientId, false, 60)) {
            display.subscribe(CALLS);
        } // DISCONNECT: the session waits for hall-1
        for (boolean cleanSession : new boolean[] {false, true}) {
            MqttException refused = assertThrows(MqttException.class,
                    () -> TestDevice.connect(gateway.mqttUri(), "kiosk-2", "demo", clientId, cleanSession, 60));
            assertEquals(IDENTIFIER_REJECTED, refused.getReasonCode(), refused.toString());
        }
        try (TestDevice display = TestDevice.connect(gateway.mqttUri(), "hall-1", "demo", clientId, false, 60)) {
            assertTrue(display.sessionPresent(), "hall-1's stored session was neither discarded nor replaced");
        }
    }

    @Test
    void anMqtt5DeviceUsingAnotherDevicesClientIdIsRefusedWithClientIdentifierNotValid() throws Exception {
        String clientId = "hall-5-" + System.nanoTime();
        try (TestDevice display = TestDevice.connect(gateway.mqttUri(), "hall-1", "demo", clientId, true, 60)) {
            MqttAsyncClient thief = new MqttAsyncClient(gateway.mqttUri(), clientId, new MemoryPersistence());
            thief.setCallback(Mqtt5Messages.onMessage((topic, message) -> { }));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName("kiosk-1");
            options.setPassword("demo".getBytes(StandardCharsets.UTF_8));
            options.setConnectionTimeout(10);
            options.setAutomaticReconnect(false);
            org.eclipse.paho.mqttv5.common.MqttException refused = assertThrows(
                    org.eclipse.paho.mqttv5.common.MqttException.class,
                    () -> thief.connect(options).waitForCompletion(10_000));
            assertEquals(CLIENT_IDENTIFIER_NOT_VALID, refused.getReasonCode(), refused.toString());
            thief.close(true);
            assertTrue(display.isConnected());
        }
    }

    @Test
    void theSameDeviceReconnectingWithItsOwnClientIdTakesItsSessionOver() throws Exception {
        String clientId = "hall-again-" + System.nanoTime();
        try (TestDevice first = TestDevice.connect(gateway.mqttUri(), "hall-1", "demo", clientId, false, 60)) {
            first.subscribe(CALLS);
            try (TestDevice second = TestDevice.connect(gateway.mqttUri(), "hall-1", "demo", clientId, false, 60)) {
                assertTrue(second.sessionPresent(), "the connected session is handed over");
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (first.isConnected() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertFalse(first.isConnected(), "the old connection is closed");
                assertTrue(second.isConnected());
            }
        }
    }

    @Test
    void aClientIdIsFreeForAnotherDeviceOnceItsOwnersSessionHasEnded() throws Exception {
        String clientId = "shared-" + System.nanoTime();
        try (TestDevice display = TestDevice.connect(gateway.mqttUri(), "hall-1", "demo", clientId, true, 60)) {
            display.subscribe(CALLS);
        } // clean session: nothing is kept
        try (TestDevice kiosk = TestDevice.connect(gateway.mqttUri(), "kiosk-2", "demo", clientId, true, 60)) {
            assertFalse(kiosk.sessionPresent());
            assertTrue(kiosk.isConnected());
        }
    }
}
