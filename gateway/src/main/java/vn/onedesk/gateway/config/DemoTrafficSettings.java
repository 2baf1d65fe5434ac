package vn.onedesk.gateway.config;

/**
 * Whether the gateway plays a simulated day through its own MQTT server (demo mode only), and how
 * fast the simulated clock runs against the real one.
 *
 * @param enabled whether demo traffic runs
 * @param speed   simulated seconds per real second; 10 = a simulated hour every six real minutes
 */
public record DemoTrafficSettings(boolean enabled, double speed) {
    public static final double DEFAULT_SPEED = 10;
    public static final double MIN_SPEED = 0.1;
    /**
     * Above this a whole opening day passes in well under a minute, and the gateway's round trip for a
     * command becomes longer than the simulated service times the terminals measure with it.
     */
    public static final double MAX_SPEED = 1000;

    public static final DemoTrafficSettings OFF = new DemoTrafficSettings(false, DEFAULT_SPEED);

    public DemoTrafficSettings {
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException("demo traffic speed must be from " + MIN_SPEED + " to " + MAX_SPEED
                    + ", got " + speed);
        }
    }
}
