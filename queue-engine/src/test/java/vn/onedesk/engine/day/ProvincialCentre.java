package vn.onedesk.engine.day;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.centre.Session;

/**
 * The provincial centre and its two days from {@code ../shared/scenarios/provincial-centre.json} and
 * {@code provincial-centre-rush.json}, copied into code (the engine's tests do not parse JSON).
 */
public final class ProvincialCentre {
    static final Operator POSTAL = Operator.POSTAL;
    static final Operator BHXH = new Operator("BHXH");
    static final Operator CONG_AN = new Operator("CONG_AN");

    /** One day's demand at the centre. */
    public record Day(String name, CentreDefinition centre, int visitsPerDay, double[] shareByHour,
                      Map<String, Double> mix, double priorityShare, double appointmentShare, double noShowShare,
                      Map<String, Double> transferToKq, Map<String, double[]> serviceSeconds,
                      Map<String, LocalTime> counterOpensAt) {
        /** The first clock hour of {@link #shareByHour}. */
        public static final int FIRST_HOUR = 7;
    }

    private ProvincialCentre() {
    }

    public static Day ordinaryDay() {
        return new Day("provincial-centre", definition(), 650,
                new double[] {0.06, 0.17, 0.17, 0.13, 0.06, 0.01, 0.10, 0.13, 0.11, 0.06}, mix(), 0.07, 0.10, 0.03,
                Map.of("BHXH", 0.05, "CA", 0.05), serviceSeconds(), Map.of());
    }

    public static Day rushDay() {
        return new Day("provincial-centre-rush", definition(), 910,
                new double[] {0.10, 0.22, 0.19, 0.11, 0.05, 0.01, 0.09, 0.10, 0.08, 0.05}, mix(), 0.07, 0.10, 0.03,
                Map.of("BHXH", 0.05, "CA", 0.05), serviceSeconds(),
                Map.of("Q19", LocalTime.of(13, 30), "Q20", LocalTime.of(13, 30)));
    }

    private static Map<String, Double> mix() {
        Map<String, Double> mix = new LinkedHashMap<>();
        String[] codes = {"TP", "DD", "KD", "XD", "LD", "GT", "BHXH", "BHTN", "CA", "KQ"};
        double[] shares = {0.13, 0.10, 0.07, 0.04, 0.09, 0.10, 0.16, 0.07, 0.12, 0.12};
        for (int i = 0; i < codes.length; i++) {
            mix.put(codes[i], shares[i]);
        }
        return mix;
    }

    /** Mean seconds and cv of the lognormal service time per service. */
    private static Map<String, double[]> serviceSeconds() {
        return Map.of("TP", new double[] {420, 0.6}, "DD", new double[] {720, 0.7}, "KD", new double[] {600, 0.6},
                "XD", new double[] {540, 0.6}, "LD", new double[] {480, 0.6}, "GT", new double[] {360, 0.5},
                "BHXH", new double[] {480, 0.6}, "BHTN", new double[] {300, 0.5}, "CA", new double[] {600, 0.5},
                "KQ", new double[] {150, 0.5});
    }

    public static CentreDefinition definition() {
        Map<String, double[]> times = serviceSeconds();
        List<ServiceField> services = new ArrayList<>();
        Object[][] rows = {
            {"TP", "Tư pháp – Hộ tịch", "A", Set.of(POSTAL), 20},
            {"DD", "Đất đai – Tài nguyên và Môi trường", "B", Set.of(POSTAL), 25},
            {"KD", "Đăng ký kinh doanh – Đầu tư", "C", Set.of(POSTAL), 20},
            {"XD", "Xây dựng – Công thương", "D", Set.of(POSTAL), 20},
            {"LD", "Lao động – Thương binh và Xã hội, Y tế, Giáo dục", "E", Set.of(POSTAL), 20},
            {"GT", "Giao thông vận tải – Giấy phép lái xe", "F", Set.of(POSTAL), 20},
            {"BHXH", "Bảo hiểm xã hội – tiếp nhận hồ sơ", "G", Set.of(BHXH), 20},
            {"BHTN", "Thu BHXH tự nguyện, BHYT hộ gia đình", "H", Set.of(POSTAL, BHXH), 15},
            {"CA", "Công an – Cư trú, Căn cước", "K", Set.of(CONG_AN), 25},
            {"KQ", "Trả kết quả – Chuyển phát kết quả qua bưu chính", "L", Set.of(POSTAL), 10},
        };
        for (Object[] r : rows) {
            @SuppressWarnings("unchecked")
            Set<Operator> servedBy = (Set<Operator>) r[3];
            services.add(new ServiceField((String) r[0], (String) r[1], (String) r[2], servedBy,
                    Duration.ofMinutes((Integer) r[4]), Duration.ofSeconds((long) times.get((String) r[0])[0])));
        }
        List<CounterDefinition> counters = new ArrayList<>();
        Object[][] desks = {
            {POSTAL, "TP", "KD LD"}, {POSTAL, "TP", "KD LD"}, {POSTAL, "TP", "KD LD"},
            {POSTAL, "DD", "XD"}, {POSTAL, "DD", "XD"}, {POSTAL, "DD", "XD"},
            {POSTAL, "KD", "TP XD"}, {POSTAL, "KD", "TP XD"}, {POSTAL, "XD", "DD KD"},
            {POSTAL, "LD", "TP GT"}, {POSTAL, "LD", "TP GT"}, {POSTAL, "GT", "LD"}, {POSTAL, "GT", "LD"},
            {POSTAL, "KQ", "BHTN GT"}, {POSTAL, "KQ", "BHTN GT"}, {POSTAL, "BHTN", "KQ"},
            {BHXH, "BHXH", "BHTN"}, {BHXH, "BHXH", "BHTN"}, {BHXH, "BHXH", "BHTN"}, {BHXH, "BHXH", "BHTN"},
            {CONG_AN, "CA", ""}, {CONG_AN, "CA", ""}, {CONG_AN, "CA", ""},
            {POSTAL, "KQ", "TP DD KD XD LD GT BHTN"},
        };
        for (int i = 0; i < desks.length; i++) {
            String secondary = (String) desks[i][2];
            counters.add(new CounterDefinition(String.format("Q%02d", i + 1), i + 1, (Operator) desks[i][0],
                    List.of((String) desks[i][1]), secondary.isEmpty() ? List.of() : List.of(secondary.split(" "))));
        }
        return new CentreDefinition("hcc-tinh", "Trung tâm Phục vụ hành chính công tỉnh (mô phỏng)",
                ZoneId.of("Asia/Ho_Chi_Minh"), List.of(new Session(LocalTime.of(7, 30), LocalTime.of(11, 30)),
                new Session(LocalTime.of(13, 30), LocalTime.of(17, 0))), services, counters, false);
    }
}
