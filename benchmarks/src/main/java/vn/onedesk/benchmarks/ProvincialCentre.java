package vn.onedesk.benchmarks;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.centre.Session;

/**
 * The provincial centre of {@code shared/scenarios/provincial-centre.json}: its 10 services and 24
 * counters, with the values copied into code so that the benchmark reads nothing at run time.
 */
final class ProvincialCentre {
    private static final Operator POSTAL = Operator.POSTAL;
    private static final Operator BHXH = new Operator("BHXH");
    private static final Operator CONG_AN = new Operator("CONG_AN");

    /** Service codes in scenario order, and their share of the day's visits (serviceMix). */
    static final String[] SERVICES = {"TP", "DD", "KD", "XD", "LD", "GT", "BHXH", "BHTN", "CA", "KQ"};
    static final double[] MIX = {0.13, 0.10, 0.07, 0.04, 0.09, 0.10, 0.16, 0.07, 0.12, 0.12};

    private ProvincialCentre() {
    }

    static CentreDefinition definition() {
        // code, name, prefix, served by, target minutes, mean service seconds
        Object[][] services = {
            {"TP", "Tư pháp – Hộ tịch", "A", Set.of(POSTAL), 20, 420},
            {"DD", "Đất đai – Tài nguyên và Môi trường", "B", Set.of(POSTAL), 25, 720},
            {"KD", "Đăng ký kinh doanh – Đầu tư", "C", Set.of(POSTAL), 20, 600},
            {"XD", "Xây dựng – Công thương", "D", Set.of(POSTAL), 20, 540},
            {"LD", "Lao động – Thương binh và Xã hội, Y tế, Giáo dục", "E", Set.of(POSTAL), 20, 480},
            {"GT", "Giao thông vận tải – Giấy phép lái xe", "F", Set.of(POSTAL), 20, 360},
            {"BHXH", "Bảo hiểm xã hội – tiếp nhận hồ sơ", "G", Set.of(BHXH), 20, 480},
            {"BHTN", "Thu BHXH tự nguyện, BHYT hộ gia đình", "H", Set.of(POSTAL, BHXH), 15, 300},
            {"CA", "Công an – Cư trú, Căn cước", "K", Set.of(CONG_AN), 25, 600},
            {"KQ", "Trả kết quả – Chuyển phát kết quả qua bưu chính", "L", Set.of(POSTAL), 10, 150},
        };
        List<ServiceField> fields = new ArrayList<>();
        for (Object[] s : services) {
            @SuppressWarnings("unchecked")
            Set<Operator> servedBy = (Set<Operator>) s[3];
            fields.add(new ServiceField((String) s[0], (String) s[1], (String) s[2], servedBy,
                    Duration.ofMinutes((Integer) s[4]), Duration.ofSeconds((Integer) s[5])));
        }
        // operator, primary, secondary (space separated) for Q01 ... Q24
        Object[][] counters = {
            {POSTAL, "TP", "KD LD"}, {POSTAL, "TP", "KD LD"}, {POSTAL, "TP", "KD LD"},
            {POSTAL, "DD", "XD"}, {POSTAL, "DD", "XD"}, {POSTAL, "DD", "XD"},
            {POSTAL, "KD", "TP XD"}, {POSTAL, "KD", "TP XD"}, {POSTAL, "XD", "DD KD"},
            {POSTAL, "LD", "TP GT"}, {POSTAL, "LD", "TP GT"}, {POSTAL, "GT", "LD"}, {POSTAL, "GT", "LD"},
            {POSTAL, "KQ", "BHTN GT"}, {POSTAL, "KQ", "BHTN GT"}, {POSTAL, "BHTN", "KQ"},
            {BHXH, "BHXH", "BHTN"}, {BHXH, "BHXH", "BHTN"}, {BHXH, "BHXH", "BHTN"}, {BHXH, "BHXH", "BHTN"},
            {CONG_AN, "CA", ""}, {CONG_AN, "CA", ""}, {CONG_AN, "CA", ""},
            {POSTAL, "KQ", "TP DD KD XD LD GT BHTN"},
        };
        List<CounterDefinition> desks = new ArrayList<>();
        for (int i = 0; i < counters.length; i++) {
            String secondary = (String) counters[i][2];
            desks.add(new CounterDefinition(String.format("Q%02d", i + 1), i + 1, (Operator) counters[i][0],
                    List.of((String) counters[i][1]), secondary.isEmpty() ? List.of() : List.of(secondary.split(" "))));
        }
        return new CentreDefinition("hcc-tinh", "Trung tâm Phục vụ hành chính công tỉnh (mô phỏng)",
                ZoneId.of("Asia/Ho_Chi_Minh"), List.of(new Session(LocalTime.of(7, 30), LocalTime.of(11, 30)),
                new Session(LocalTime.of(13, 30), LocalTime.of(17, 0))), fields, desks, false);
    }
}
