package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.estimation.QueueLengthEstimator;
import vn.onedesk.engine.routing.FirstComeFirstServed;

/**
 * A small one-stop centre in Ho Chi Minh City time (UTC+7, so the local day turns at 17:00 UTC).
 *
 * <pre>
 *   service  prefix  served by        target  expected
 *   TP       A       POSTAL           30 min   8 min
 *   BHXH     G       BHXH             45 min  10 min
 *   BHTN     H       POSTAL, BHXH     30 min   6 min
 *
 *   counter  no  operator  primary  secondary
 *   Q01      1   POSTAL    TP       BHTN
 *   Q02      2   BHXH      BHXH     BHTN
 *   Q03      3   POSTAL    BHTN     TP
 *   Q04      4   BHXH      BHXH     -
 * </pre>
 *
 * Sessions 07:30–11:30 and 13:30–17:00 local time.
 */
final class TestCentre {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Operator POSTAL = Operator.POSTAL;
    static final Operator BHXH_OFFICER = new Operator("BHXH");
    /** A Monday. */
    static final LocalDate DAY = LocalDate.of(2025, 3, 3);

    static final String TP = "TP";
    static final String BHXH = "BHXH";
    static final String BHTN = "BHTN";
    static final List<String> SERVICES = List.of(TP, BHXH, BHTN);
    static final List<String> COUNTERS = List.of("Q01", "Q02", "Q03", "Q04");

    private TestCentre() {
    }

    static ServiceField tp() {
        return new ServiceField(TP, "Tư pháp – hộ tịch", "A", Set.of(POSTAL), Duration.ofMinutes(30),
                Duration.ofMinutes(8));
    }

    static ServiceField bhxh() {
        return new ServiceField(BHXH, "Bảo hiểm xã hội", "G", Set.of(BHXH_OFFICER), Duration.ofMinutes(45),
                Duration.ofMinutes(10));
    }

    static ServiceField bhtn() {
        return new ServiceField(BHTN, "Bảo hiểm thất nghiệp", "H", Set.of(POSTAL, BHXH_OFFICER),
                Duration.ofMinutes(30), Duration.ofMinutes(6));
    }

    static List<Session> sessions() {
        return List.of(new Session(LocalTime.of(7, 30), LocalTime.of(11, 30)),
                new Session(LocalTime.of(13, 30), LocalTime.of(17, 0)));
    }

    static List<CounterDefinition> counters() {
        return List.of(
                new CounterDefinition("Q01", 1, POSTAL, List.of(TP), List.of(BHTN)),
                new CounterDefinition("Q02", 2, BHXH_OFFICER, List.of(BHXH), List.of(BHTN)),
                new CounterDefinition("Q03", 3, POSTAL, List.of(BHTN), List.of(TP)),
                new CounterDefinition("Q04", 4, BHXH_OFFICER, List.of(BHXH), List.of()));
    }

    static CentreDefinition definition(boolean ticketsOnlyInSessions) {
        return new CentreDefinition("HCM-Q1", "Trung tâm phục vụ hành chính công Quận 1", ZONE, sessions(),
                List.of(tp(), bhxh(), bhtn()), counters(), ticketsOnlyInSessions);
    }

    static CentreQueue emptyQueue(CentreDefinition definition) {
        return CentreQueue.empty(definition, new FirstComeFirstServed(), new QueueLengthEstimator());
    }

    static CentreQueue restore(CentreDefinition definition, QueueSnapshot snapshot) {
        return CentreQueue.restore(definition, new FirstComeFirstServed(), new QueueLengthEstimator(), snapshot);
    }

    /** An instant given as local time in the centre's zone. */
    static Instant local(LocalDate day, String time) {
        return LocalDateTime.of(day, LocalTime.parse(time)).atZone(ZONE).toInstant();
    }

    static Instant local(String time) {
        return local(DAY, time);
    }

    static List<Event> accepted(Decision decision) {
        return assertInstanceOf(Decision.Accepted.class, decision, () -> "expected acceptance, got " + decision)
                .events();
    }

    static Decision.Rejected rejected(Decision decision) {
        return assertInstanceOf(Decision.Rejected.class, decision, () -> "expected rejection, got " + decision);
    }
}
