package vn.onedesk.gateway.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;

/** The simulate command end to end, in-process, on the shared commune desk. */
class SimulateCommandTest {
    private static final Path COMMUNE = SharedScenarios.file("commune-desk.json");
    private static final List<String> COMMUNE_SERVICES = List.of("TP", "DD", "LD", "BHTN", "CA", "KQ");

    private record Run(int exit, String out, String err) {
    }

    private static Run simulate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulateCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonOutputIsOneDocumentWithTheAgreedFieldNames() {
        Run run = simulate("--scenario", COMMUNE.toString(), "--runs", "2", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonObject json = new JsonObject(run.out());
        assertEquals("commune-desk", json.getString("scenario"));
        assertEquals(2, json.getInteger("runs"));
        assertEquals(20231102L, json.getLong("firstSeed"));
        JsonArray policies = json.getJsonArray("policies");
        assertEquals(RoutingPolicies.names(), policies.stream().map(p -> ((JsonObject) p).getString("policy")).toList());
        for (Object p : policies) {
            JsonObject policy = (JsonObject) p;
            for (String field : List.of("meanWaitMinutes", "p90WaitMinutes", "maxWaitMinutes", "overTargetShare")) {
                assertInstanceOf(Number.class, policy.getValue(field), field + " in " + policy.fieldNames());
            }
            JsonObject services = policy.getJsonObject("services");
            assertEquals(COMMUNE_SERVICES, List.copyOf(services.fieldNames()));
            JsonObject tp = services.getJsonObject("TP");
            assertEquals("Tư pháp – Hộ tịch", tp.getString("name"));
            for (String field : List.of("targetWaitMinutes", "meanWaitMinutes", "p90WaitMinutes", "maxWaitMinutes",
                    "overTargetShare", "issued", "served", "noShows", "waitingAtClose")) {
                assertInstanceOf(Number.class, tp.getValue(field), field);
            }
            assertEquals(List.of("POSTAL", "CONG_AN"), List.copyOf(policy.getJsonObject("utilisationByOperator")
                    .fieldNames()));
            JsonObject estimators = policy.getJsonObject("estimators");
            assertEquals(WaitEstimators.names(), List.copyOf(estimators.fieldNames()));
            for (String name : WaitEstimators.names()) {
                JsonObject e = estimators.getJsonObject(name);
                for (String field : List.of("maeMinutes", "rmseMinutes", "insideBandShare")) {
                    assertInstanceOf(Number.class, e.getValue(field), name + "." + field);
                    assertInstanceOf(Number.class, e.getJsonObject("whileOpen").getValue(field), name + ".whileOpen");
                }
            }
            assertEquals(2, policy.getJsonArray("days").size());
        }
    }

    @Test
    void theSameArgumentsPrintTheSameReportAndTheSeedCanBeChosen() {
        String[] args = {"--scenario", COMMUNE.toString(), "--runs", "2", "--format", "json", "--seed", "7"};
        Run first = simulate(args);
        assertEquals(first.out(), simulate(args).out());
        JsonObject json = new JsonObject(first.out());
        assertEquals(7L, json.getLong("firstSeed"));
        assertEquals(8L, json.getLong("lastSeed"));
        assertEquals(List.of(7L, 8L), json.getJsonArray("policies").getJsonObject(0).getJsonArray("days").stream()
                .map(d -> ((JsonObject) d).getLong("seed")).toList());
    }

    @Test
    void theTableShowsEachPolicyServiceOperatorAndEstimator() {
        String policy = RoutingPolicies.defaultName();
        Run run = simulate("--scenario", COMMUNE.toString(), "--runs", "2", "--policy", policy);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("== Policy " + policy + " =="), run.out());
        COMMUNE_SERVICES.forEach(s -> assertTrue(run.out().contains("\n" + s + " "), s + " in\n" + run.out()));
        assertTrue(run.out().contains("Tư pháp – Hộ tịch"), run.out());
        assertTrue(run.out().contains("Utilisation by operator: POSTAL "), run.out());
        WaitEstimators.names().forEach(e -> assertTrue(run.out().contains("\n" + e + " "), e + " in\n" + run.out()));
        assertEquals("", run.err());
    }

    @Test
    void theHtmlReportIsOneSelfContainedPageWithChartsAndTheVietnameseNames(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("reports/commune.html");
        Run run = simulate("--scenario", COMMUNE.toString(), "--runs", "2", "--html", html.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("HTML report written to " + html + "\n", run.err());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">"));
        assertTrue(page.endsWith("</html>\n"));
        for (String name : List.of("Tư pháp – Hộ tịch", "Đất đai – Tài nguyên và Môi trường",
                "Lao động – Thương binh và Xã hội, Y tế, Giáo dục", "Thu BHXH tự nguyện, BHYT hộ gia đình",
                "Công an – Cư trú, Căn cước", "Trả kết quả – Chuyển phát kết quả qua bưu chính",
                "Bộ phận một cửa xã (mô phỏng)")) {
            assertTrue(page.contains(name), name);
        }
        // nothing to fetch: no script, no stylesheet or image link
        for (String outside : List.of("<script", "<link", "src=", "href=", "@import", "url(")) {
            assertFalse(page.contains(outside), outside);
        }
        // per policy: the waiting-over-the-day chart and a histogram; plus the p90 chart
        List<String> svgs = matches(page, "<svg.*?</svg>");
        assertEquals(2 * RoutingPolicies.names().size() + 1, svgs.size());
        var xml = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        for (String svg : svgs) {
            assertNotNull(xml.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))), svg);
        }
        assertTrue(svgs.stream().anyMatch(s -> s.contains("<polyline")), "line chart");
        for (String tag : List.of("table", "tr", "h2", "h3", "p", "svg")) {
            assertEquals(matches(page, "<" + tag + "[ >]").size(), matches(page, "</" + tag + ">").size(), tag);
        }
    }

    @Test
    void aBrokenScenarioIsRefusedWithEveryProblemAndExitCodeTwo(@TempDir Path dir) throws Exception {
        JsonObject json = new JsonObject(Files.readString(COMMUNE, StandardCharsets.UTF_8));
        json.getJsonObject("demand").put("priorityShare", 2).getJsonObject("arrivalShareByHour").put("08", 0.5);
        Path file = dir.resolve("broken.json");
        Files.writeString(file, json.encodePrettily(), StandardCharsets.UTF_8);
        Run run = simulate("--scenario", file.toString());
        assertEquals(2, run.exit());
        assertEquals(file + " is not a usable scenario:\n"
                + "  - demand.priorityShare: must be a share from 0 to 1, got 2\n", run.err());
        assertEquals("", run.out());

        Run missing = simulate("--scenario", dir.resolve("none.json").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("none.json is not a usable scenario:\n  - no such file"), missing.err());
    }

    @Test
    void badOptionsExitWithUsageAndSayWhatIsWrong() {
        Run run = simulate("--scenario", COMMUNE.toString(), "--runs", "zero");
        assertEquals(64, run.exit());
        assertTrue(run.err().startsWith("simulate: --runs: must be a whole number from 1 to 10000, got 'zero'\n"),
                run.err());
        assertTrue(run.err().contains("usage: java -jar onedesk-gateway.jar simulate --scenario NAME|FILE"), run.err());
        assertEquals("", run.out());

        Run help = simulate("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("usage: "), help.out());
    }

    private static List<String> matches(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        java.util.ArrayList<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
