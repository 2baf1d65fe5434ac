package vn.onedesk.loadtest.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;

/**
 * The centres and devices the load plays, read with the gateway's own {@link ConfigLoader} from the
 * configuration the gateway under test runs with ({@code --config}, as written by {@code config}), or
 * the built-in demo centre (kiosk-1, kiosk-2, hall-1, counter-Q01..Q24, password "demo").
 */
public final class Fleet {
    private final GatewayConfig config;
    private final String password;

    private Fleet(GatewayConfig config, String password) {
        this.config = config;
        this.password = password;
    }

    public static Fleet load(Path configFile, String password) {
        Map<String, String> env = configFile == null ? Map.of()
                : Map.of(ConfigLoader.ENV_CONFIG, configFile.toString());
        GatewayConfig config = ConfigLoader.load(env);
        String pw = password != null ? password : config.demo() ? "demo" : BenchConfig.DEFAULT_PASSWORD;
        return new Fleet(config, pw);
    }

    public String password() {
        return password;
    }

    public List<CentreDefinition> centres() {
        return config.centres();
    }

    public CentreDefinition centre(String id) {
        return config.centres().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the configuration has no centre " + id));
    }

    public List<Device> devices(String centre, DeviceRole role) {
        return config.devices().stream().filter(d -> d.centre().equals(centre) && d.role() == role)
                .sorted(java.util.Comparator.comparing(Device::id, Fleet::naturalOrder)).toList();
    }

    /** kiosk-2 before kiosk-10. */
    static int naturalOrder(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i) && !Character.isDigit(a.charAt(i))) {
            i++;
        }
        String ra = a.substring(i);
        String rb = b.substring(i);
        if (!ra.isEmpty() && !rb.isEmpty() && ra.chars().allMatch(Character::isDigit)
                && rb.chars().allMatch(Character::isDigit)) {
            return Long.compare(Long.parseLong(ra), Long.parseLong(rb));
        }
        return a.compareTo(b);
    }

    /** The first centre, which the single-centre scenarios use unless told otherwise. */
    public String firstCentre() {
        return config.centres().get(0).id();
    }
}
