package vn.onedesk.engine.simulation;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.centre.Session;

/**
 * Scenarios written in Java, so that the engine's tests do not read files.
 *
 * <p>{@link #hall} is a small hall with everything the format has: a service shared by postal and
 * agency counters, a counter with its own afternoon-only session, transfers, appointments,
 * priority groups and no-shows.
 *
 * <pre>
 *   service  served by      target  mean service
 *   TP       POSTAL         20 min   7 min
 *   BHXH     BHXH           20 min   8 min
 *   BHTN     POSTAL, BHXH   15 min   5 min
 *   KQ       POSTAL         10 min   2.5 min
 *
 *   counter  operator  primary  secondary   sessions
 *   Q01      POSTAL    TP       BHTN, KQ    centre's
 *   Q02      POSTAL    KQ       TP, BHTN    centre's
 *   Q03      BHXH      BHXH     BHTN        centre's
 *   Q04      BHXH      BHXH     -           13:30–17:00 only
 * </pre>
 */
final class TestScenarios {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Operator POSTAL = Operator.POSTAL;
    static final Operator BHXH = new Operator("BHXH");
    static final Operator CONG_AN = new Operator("CONG_AN");
    static final List<Session> CENTRE_SESSIONS = List.of(new Session(LocalTime.of(7, 30), LocalTime.of(11, 30)),
            new Session(LocalTime.of(13, 30), LocalTime.of(17, 0)));
    static final List<Session> AFTERNOON = List.of(new Session(LocalTime.of(13, 30), LocalTime.of(17, 0)));
    static final Map<Integer, Double> HOURS = Map.of(7, 0.06, 8, 0.17, 9, 0.17, 10, 0.13, 11, 0.06, 12, 0.01,
            13, 0.10, 14, 0.13, 15, 0.11, 16, 0.06);

    private TestScenarios() {
    }

    static Scenario hall(double visitsPerDay) {
        return hall(visitsPerDay, List.of());
    }

    /** The hall, with extra postal counters (primary TP, secondary BHTN and KQ) numbered from 5. */
    static Scenario hall(double visitsPerDay, List<String> extraPostalCounters) {
        List<ServiceField> services = List.of(
                service("TP", "Tư pháp – Hộ tịch", "A", 20, 420, POSTAL),
                service("BHXH", "Bảo hiểm xã hội – tiếp nhận hồ sơ", "G", 20, 480, BHXH),
                service("BHTN", "Thu BHXH tự nguyện, BHYT hộ gia đình", "H", 15, 300, POSTAL, BHXH),
                service("KQ", "Trả kết quả", "L", 10, 150, POSTAL));
        List<CounterDefinition> counters = new ArrayList<>(List.of(
                new CounterDefinition("Q01", 1, POSTAL, List.of("TP"), List.of("BHTN", "KQ")),
                new CounterDefinition("Q02", 2, POSTAL, List.of("KQ"), List.of("TP", "BHTN")),
                new CounterDefinition("Q03", 3, BHXH, List.of("BHXH"), List.of("BHTN")),
                new CounterDefinition("Q04", 4, BHXH, List.of("BHXH"), List.of())));
        for (int i = 0; i < extraPostalCounters.size(); i++) {
            counters.add(new CounterDefinition(extraPostalCounters.get(i), 5 + i, POSTAL, List.of("TP"),
                    List.of("BHTN", "KQ")));
        }
        CentreDefinition centre = new CentreDefinition("hall", "Bộ phận một cửa (thử)", ZONE, CENTRE_SESSIONS,
                services, counters, false);
        Demand demand = new Demand(visitsPerDay, HOURS, Map.of("TP", 0.4, "BHXH", 0.3, "BHTN", 0.15, "KQ", 0.15),
                0.08, 0.1, 0.05, List.of(new Demand.Transfer("BHXH", "KQ", 0.3)), 42);
        return new Scenario("hall", "a small test hall", centre, Map.of("Q04", AFTERNOON), demand, Map.of(
                "TP", new ServiceTime(420, 0.6), "BHXH", new ServiceTime(480, 0.6),
                "BHTN", new ServiceTime(300, 0.5), "KQ", new ServiceTime(150, 0.5)));
    }

    /** The commune desk of the shared scenarios: two postal generalists and a police officer. */
    static Scenario commune() {
        List<ServiceField> services = List.of(
                service("TP", "Tư pháp – Hộ tịch", "A", 20, 420, POSTAL),
                service("DD", "Đất đai – Tài nguyên và Môi trường", "B", 25, 720, POSTAL),
                service("LD", "Lao động – Thương binh và Xã hội, Y tế, Giáo dục", "E", 20, 480, POSTAL),
                service("BHTN", "Thu BHXH tự nguyện, BHYT hộ gia đình", "H", 15, 300, POSTAL, BHXH),
                service("CA", "Công an – Cư trú, Căn cước", "K", 25, 600, CONG_AN),
                service("KQ", "Trả kết quả – Chuyển phát kết quả qua bưu chính", "L", 10, 150, POSTAL));
        List<CounterDefinition> counters = List.of(
                new CounterDefinition("Q01", 1, POSTAL, List.of("TP", "LD"), List.of("DD", "BHTN", "KQ")),
                new CounterDefinition("Q02", 2, POSTAL, List.of("DD", "KQ"), List.of("TP", "LD", "BHTN")),
                new CounterDefinition("Q03", 3, CONG_AN, List.of("CA"), List.of()));
        CentreDefinition centre = new CentreDefinition("xa-demo", "Bộ phận một cửa xã (mô phỏng)", ZONE,
                CENTRE_SESSIONS, services, counters, false);
        Demand demand = new Demand(95, HOURS,
                Map.of("TP", 0.3, "DD", 0.15, "LD", 0.15, "BHTN", 0.1, "CA", 0.2, "KQ", 0.1),
                0.1, 0.05, 0.03, List.of(), 20231102);
        return new Scenario("commune-desk", "", centre, Map.of(), demand, Map.of(
                "TP", new ServiceTime(420, 0.6), "DD", new ServiceTime(720, 0.7), "LD", new ServiceTime(480, 0.6),
                "BHTN", new ServiceTime(300, 0.5), "CA", new ServiceTime(600, 0.5), "KQ", new ServiceTime(150, 0.5)));
    }

    static ServiceField service(String code, String name, String prefix, int targetMinutes, int meanSeconds,
                                Operator... servedBy) {
        return new ServiceField(code, name, prefix, Set.of(servedBy), Duration.ofMinutes(targetMinutes),
                Duration.ofSeconds(meanSeconds));
    }
}
