package vn.onedesk.gateway.presence;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.mqtt.DevicePresence;
import vn.onedesk.gateway.mqtt.InboundContext;
import vn.onedesk.gateway.mqtt.InboundHandler;
import vn.onedesk.gateway.mqtt.MqttBroker;
import vn.onedesk.gateway.mqtt.OutboundMessage;
import vn.onedesk.monitoring.DeviceMetrics;
import vn.onedesk.monitoring.NoopMetrics;
import vn.onedesk.monitoring.OfflineCause;
import vn.onedesk.protocol.Decoded;
import vn.onedesk.protocol.DeviceError;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Language;
import vn.onedesk.protocol.ProtocolError;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.devices.DeviceStatus;
import vn.onedesk.protocol.devices.Presence;

/**
 * Whether each device is online, published retained on its status topic: ONLINE when it connects or
 * sends a heartbeat (with the printer state a kiosk's heartbeat reports), its own last will when it
 * drops without DISCONNECT, OFFLINE otherwise.
 */
public final class PresenceTracker implements InboundHandler, DevicePresence {
    private final MqttBroker broker;
    private final Clock clock;
    private final DeviceMetrics metrics;
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    /** Devices connected now (a device may hold more than one connection, briefly, while it reconnects). */
    private final Map<String, Integer> connected = new ConcurrentHashMap<>();
    /** Each kiosk's last reported paper state (OK, LOW, OUT), for the administration's device list. */
    private final Map<String, String> paper = new ConcurrentHashMap<>();

    public PresenceTracker(MqttBroker broker, Clock clock) {
        this(broker, clock, NoopMetrics.INSTANCE);
    }

    public PresenceTracker(MqttBroker broker, Clock clock, DeviceMetrics metrics) {
        this.broker = broker;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void online(Device device) {
        lastSeen.put(device.id(), clock.instant());
        connected.merge(device.id(), 1, Integer::sum);
        metrics.deviceConnected(device.centre(), device.role().name(), device.id());
        publish(device, new DeviceStatus(Presence.ONLINE, clock.instant()));
    }

    @Override
    public void offline(Device device) {
        gone(device);
        metrics.deviceOffline(device.centre(), device.role().name(), device.id(), OfflineCause.DISCONNECTED);
        publish(device, new DeviceStatus(Presence.OFFLINE, clock.instant()));
    }

    @Override
    public void lastWill(Device device, byte[] will) {
        gone(device);
        metrics.deviceOffline(device.centre(), device.role().name(), device.id(), OfflineCause.LAST_WILL);
        Decoded<DeviceStatus> decoded = JsonCodec.decode(will, DeviceStatus.class);
        DeviceStatus status = decoded instanceof Decoded.Ok<DeviceStatus> ok
                ? new DeviceStatus(ok.message().status(), clock.instant())
                : new DeviceStatus(Presence.OFFLINE, clock.instant());
        publish(device, status);
    }

    private void gone(Device device) {
        connected.computeIfPresent(device.id(), (id, n) -> n <= 1 ? null : n - 1);
    }

    /** Whether the device holds a connection now. */
    public boolean isOnline(String deviceId) {
        return connected.containsKey(deviceId);
    }

    /** The paper state the device last reported, if it has a printer. */
    public Optional<String> paper(String deviceId) {
        return Optional.ofNullable(paper.get(deviceId));
    }

    public Optional<Instant> lastSeen(String deviceId) {
        return Optional.ofNullable(lastSeen.get(deviceId));
    }

    @Override
    public Future<Optional<ErrorCode>> handle(InboundContext context) {
        Decoded<DeviceStatus> decoded = JsonCodec.decode(context.payload(), DeviceStatus.class);
        if (decoded instanceof Decoded.Failed<DeviceStatus> failed) {
            tell(context, failed.error(), failed.replyLanguage());
            return Future.succeededFuture(Optional.of(failed.error().code()));
        }
        DeviceStatus status = ((Decoded.Ok<DeviceStatus>) decoded).message();
        Device device = context.device();
        lastSeen.put(device.id(), clock.instant());
        metrics.heartbeat(device.centre(), device.role().name(), device.id());
        if (status.printer() != null) {
            paper.put(device.id(), status.printer().paper().name());
            metrics.printer(device.centre(), device.role().name(), device.id(), status.printer().paper().name(),
                    status.printer().jammed());
        }
        publish(device, new DeviceStatus(status.status(), clock.instant(), status.printer()));
        return Future.succeededFuture(Optional.empty());
    }

    @Override
    public boolean repliesTo(Device device) {
        return true;
    }

    /** A status has no reply topic: its errors go to the device's errors topic, in the language it named if any. */
    @Override
    public void refuse(InboundContext context, ProtocolError error) {
        tell(context, error, JsonCodec.requestedLanguage(context.payload()).orElse(Language.DEFAULT));
    }

    private static void tell(InboundContext context, ProtocolError error, Language language) {
        Device device = context.device();
        context.reply(new Topic.DeviceErrors(device.centre(), device.id()),
                JsonCodec.encode(DeviceError.of(context.topic().name(), null, error, language)));
    }

    private void publish(Device device, DeviceStatus status) {
        broker.publish(OutboundMessage.of(new Topic.DeviceStatus(device.centre(), device.id()).name(),
                JsonCodec.encode(status), MqttQoS.AT_LEAST_ONCE, true));
    }
}
