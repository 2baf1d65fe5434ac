package vn.onedesk.gateway.demo;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.devices.PasswordHash;

/**
 * Which demo devices the simulation plays, signed in with their real demo credentials: kiosk
 * {@value #KIOSK} and the terminals of every counter but Q01 and Q02. Those, and kiosk-1, are left
 * to people trying the demo by hand (the README's walkthrough uses kiosk-1 and counter-Q01).
 */
record DemoCast(Login kiosk, List<Terminal> terminals) {
    static final String KIOSK = "kiosk-2";
    static final Set<String> LEFT_TO_PEOPLE = Set.of("Q01", "Q02");

    /** An MQTT username (the device id) and password. */
    record Login(String device, String password) {
        @Override
        public String toString() {
            return device; // never the password, should a login end up in a log line
        }
    }

    /** A counter and the login of its terminal. */
    record Terminal(CounterDefinition counter, Login login) {
    }

    DemoCast {
        terminals = List.copyOf(terminals);
    }

    /** The cast for the centre; fails if the demo devices are missing or their passwords are not the demo's. */
    static DemoCast of(CentreDefinition centre, List<Device> devices) {
        Device kiosk = devices.stream()
                .filter(d -> d.id().equals(KIOSK) && d.role() == DeviceRole.KIOSK && d.centre().equals(centre.id()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("demo traffic needs the demo kiosk " + KIOSK));
        List<Terminal> terminals = devices.stream()
                .filter(d -> d.role() == DeviceRole.COUNTER && d.centre().equals(centre.id()))
                .filter(d -> !LEFT_TO_PEOPLE.contains(d.counter()))
                .filter(d -> centre.counter(d.counter()).isPresent())
                .map(d -> new Terminal(centre.counter(d.counter()).orElseThrow(), login(d)))
                .sorted(Comparator.comparingInt(t -> t.counter().number()))
                .toList();
        if (terminals.isEmpty()) {
            throw new IllegalStateException("demo traffic needs counter terminals besides Q01 and Q02");
        }
        return new DemoCast(login(kiosk), terminals);
    }

    private static Login login(Device device) {
        if (!(device.password() instanceof PasswordHash.DemoPlainText plain)) {
            throw new IllegalStateException("demo traffic signs in as " + device.id()
                    + " with the demo password, but its password is hashed: this is not the built-in demo");
        }
        return new Login(device.id(), plain.password());
    }

    /** For the startup log: "kiosk-2, counter-Q03 … counter-Q24". */
    String devices() {
        String first = terminals.get(0).login().device();
        String last = terminals.get(terminals.size() - 1).login().device();
        return kiosk.device() + ", " + (first.equals(last) ? first : first + " … " + last);
    }
}
