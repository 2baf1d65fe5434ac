package vn.onedesk.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterRules;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.devices.PasswordHash;

/** Loading the configuration: the demo, files, environment overrides, and every problem reported at once. */
class ConfigLoaderTest {
    /** A well-formed hash (the loader parses it; nobody logs in with it here). */
    private static final String HASH = "pbkdf2-sha256$10000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    @TempDir
    Path dir;

    // --- the demo ---

    @Test
    void theBuiltInDemoCentreLoadsWithItsServicesCountersAndDevices() {
        GatewayConfig config = ConfigLoader.load(Map.of());
        assertTrue(config.demo());
        assertEquals(1, config.centres().size());
        CentreDefinition centre = config.centres().get(0);
        assertEquals("hcc-tinh", centre.id());
        assertEquals(10, centre.services().size());
        assertEquals(24, centre.counters().size());
        assertEquals(51, config.devices().size(), "3 kiosks and displays, 24 terminals, 24 rating pads");
        assertEquals(List.of("TP", "DD", "KD", "XD", "LD", "GT", "BHXH", "BHTN", "CA", "KQ"),
                centre.services().stream().map(s -> s.code()).toList());
        assertEquals("K", centre.service("CA").orElseThrow().prefix());
        assertEquals(3, config.devices().stream().filter(d -> !d.role().boundToCounter()).count());
        for (int i = 1; i <= 24; i++) {
            String counter = String.format("Q%02d", i);
            Device terminal = config.devices().stream().filter(d -> d.id().equals("counter-" + counter)).findFirst()
                    .orElseThrow(() -> new AssertionError("no terminal for " + counter));
            assertEquals(counter, terminal.counter());
            assertEquals(DeviceRole.COUNTER, terminal.role());
            Device pad = config.devices().stream().filter(d -> d.id().equals("rating-" + counter)).findFirst()
                    .orElseThrow(() -> new AssertionError("no rating pad for " + counter));
            assertEquals(counter, pad.counter());
            assertEquals(DeviceRole.RATING_PAD, pad.role());
        }
        assertTrue(config.devices().stream().allMatch(d -> d.password().matches("demo".toCharArray())));
        assertTrue(config.devices().stream().noneMatch(d -> d.password().matches("Demo".toCharArray())));
        // The demo's own gateway section
        assertEquals(1883, config.mqttPort());
        assertEquals(8080, config.httpPort());
        assertEquals("0.0.0.0", config.host());
        assertEquals(Path.of("./data").toAbsolutePath().normalize(), config.dataDir());
        assertEquals(Optional.empty(), config.pgUrl());
    }

    @Test
    void environmentVariablesOverridePortsHostDataDirectoryAndDatabase() {
        GatewayConfig config = ConfigLoader.load(Map.of(
                ConfigLoader.ENV_MQTT_PORT, "11883",
                ConfigLoader.ENV_HTTP_PORT, " 18080 ",
                ConfigLoader.ENV_HOST, "127.0.0.1",
                ConfigLoader.ENV_DATA_DIR, dir.resolve("state").toString(),
                ConfigLoader.ENV_PG_URL, "postgresql://onedesk:secret@db.internal:5432/onedesk"));
        assertEquals(11883, config.mqttPort());
        assertEquals(18080, config.httpPort());
        assertEquals("127.0.0.1", config.host());
        assertEquals(dir.resolve("state").toAbsolutePath().normalize(), config.dataDir());
        assertEquals(Optional.of("postgresql://onedesk:secret@db.internal:5432/onedesk"), config.pgUrl());
        assertTrue(config.demo(), "overrides do not change where the centres come from");
    }

    @Test
    void blankEnvironmentVariablesAreIgnored() {
        GatewayConfig config = ConfigLoader.load(Map.of(ConfigLoader.ENV_MQTT_PORT, " ", ConfigLoader.ENV_PG_URL, "",
                ConfigLoader.ENV_CONFIG, "  "));
        assertEquals(1883, config.mqttPort());
        assertEquals(Optional.empty(), config.pgUrl());
        assertTrue(config.demo());
    }

    @Test
    void portZeroPicksAFreePortAndBothListenersMayUseIt() {
        GatewayConfig config = ConfigLoader.load(Map.of(ConfigLoader.ENV_MQTT_PORT, "0", ConfigLoader.ENV_HTTP_PORT, "0"));
        assertEquals(0, config.mqttPort());
        assertEquals(0, config.httpPort());
    }

    @Test
    void thePostgresSchemeAliasIsAccepted() {
        assertEquals(Optional.of("postgres://u@h/d"),
                ConfigLoader.load(Map.of(ConfigLoader.ENV_PG_URL, "postgres://u@h/d")).pgUrl());
    }

    // --- problems in the environment ---

    @Test
    void aPortThatIsNotANumberIsReportedWithItsVariableAndValue() {
        ConfigException e = fails(Map.of(ConfigLoader.ENV_MQTT_PORT, "abc"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertMentions(e, ConfigLoader.ENV_MQTT_PORT, "'abc'", "0 to 65535");
    }

    @ParameterizedTest(name = "HTTP port {0} is out of range")
    @ValueSource(strings = {"70000", "65536", "-1", "8080.5", "99999999999"})
    void aPortOutOfRangeIsReported(String port) {
        ConfigException e = fails(Map.of(ConfigLoader.ENV_HTTP_PORT, port));
        assertMentions(e, ConfigLoader.ENV_HTTP_PORT, "'" + port + "'");
    }

    @Test
    void anUnknownRoutingPolicyOrEstimatorIsReportedWithTheNamesThatExist() {
        ConfigException e = fails(Map.of(ConfigLoader.ENV_ROUTING_POLICY, "fastest",
                ConfigLoader.ENV_WAIT_ESTIMATOR, "crystal-ball"));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertMentions(e, ConfigLoader.ENV_ROUTING_POLICY, "'fastest'", "fifo-pooled");
        assertMentions(e, ConfigLoader.ENV_WAIT_ESTIMATOR, "'crystal-ball'", "ql");
    }

    @Test
    void theRoutingPolicyAndEstimatorCanBeChosenByEnvironment() {
        GatewayConfig config = ConfigLoader.load(Map.of(ConfigLoader.ENV_ROUTING_POLICY, "fifo-pooled",
                ConfigLoader.ENV_WAIT_ESTIMATOR, "les"));
        assertEquals("fifo-pooled", config.routingPolicy());
        assertEquals("les", config.waitEstimator());
    }

    @Test
    void mqttAndHttpOnTheSamePortIsReported() {
        ConfigException e = fails(Map.of(ConfigLoader.ENV_MQTT_PORT, "9000", ConfigLoader.ENV_HTTP_PORT, "9000"));
        assertMentions(e, "9000", "share");
    }

    @ParameterizedTest(name = "database URL {0} is refused")
    @ValueSource(strings = {"jdbc:postgresql://db:5432/onedesk", "mysql://root:hunter2@db/onedesk", "db:5432",
        "http://db/onedesk"})
    void aDatabaseUrlThatIsNotPostgresqlIsReportedWithoutItsPassword(String url) {
        ConfigException e = fails(Map.of(ConfigLoader.ENV_PG_URL, url));
        assertMentions(e, ConfigLoader.ENV_PG_URL, "postgresql://");
        assertFalse(e.getMessage().contains("hunter2"), "the password is not echoed: " + e.getMessage());
    }

    @Test
    void aMissingConfigFileIsReportedWithItsPath() {
        Path missing = dir.resolve("nowhere").resolve("centre.json");
        ConfigException e = fails(Map.of(ConfigLoader.ENV_CONFIG, missing.toString()));
        assertMentions(e, ConfigLoader.ENV_CONFIG, missing.toAbsolutePath().toString());
    }

    @Test
    void aConfigFileThatIsNotJsonIsReportedReadably() throws IOException {
        Path file = write("broken.json", "{ \"schema\": \"onedesk-config/1\", ");
        ConfigException e = fails(Map.of(ConfigLoader.ENV_CONFIG, file.toString()));
        assertMentions(e, ConfigLoader.ENV_CONFIG, "is not valid JSON at line 1, column 33");
    }

    @Test
    void aConfigFileWithAUtf8ByteOrderMarkIsReadAsNotepadSavesIt() throws IOException {
        Path file = dir.resolve("bom.json");
        byte[] text = "{ \"schema\": 1 }".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withMark = new byte[text.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withMark, 3, text.length);
        java.nio.file.Files.write(file, withMark);
        ConfigException e = fails(Map.of(ConfigLoader.ENV_CONFIG, file.toString()));
        // read as JSON: the problems are about its content, not its encoding
        assertMentions(e, "schema: must be");
    }

    @Test
    void aConfigFileHoldingAnArrayIsToldToHoldAnObjectWithoutNamingJavaTypes() throws IOException {
        Path file = write("array.json", "[1, 2]");
        ConfigException e = fails(Map.of(ConfigLoader.ENV_CONFIG, file.toString()));
        assertMentions(e, "must hold one JSON object");
        assertTrue(e.getMessage().indexOf("java.") < 0, e.getMessage());
    }

    @Test
    void aConfigDirectoryInsteadOfAFileIsReported() {
        ConfigException e = fails(Map.of(ConfigLoader.ENV_CONFIG, dir.toString()));
        assertMentions(e, ConfigLoader.ENV_CONFIG, "is a folder");
    }

    // --- configuration files ---

    @Test
    void aValidConfigFileLoadsWithItsGatewaySectionAndEnvironmentStillWins() throws IOException {
        JsonObject json = validConfig();
        json.put("gateway", new JsonObject().put("mqttPort", 2883).put("httpPort", 9080).put("host", "10.0.0.5")
                .put("pgUrl", "postgresql://onedesk@file-db/onedesk"));
        Path file = write("centre.json", json.encodePrettily());
        GatewayConfig config = ConfigLoader.load(Map.of(ConfigLoader.ENV_CONFIG, file.toString(),
                ConfigLoader.ENV_HTTP_PORT, "9181", ConfigLoader.ENV_ALLOW_PLAINTEXT, "true"));
        assertFalse(config.demo());
        assertEquals(file.toAbsolutePath().toString(), config.source());
        assertEquals(2883, config.mqttPort());
        assertEquals(9181, config.httpPort(), "the environment overrides the file");
        assertEquals("10.0.0.5", config.host());
        assertEquals(Optional.of("postgresql://onedesk@file-db/onedesk"), config.pgUrl());
        assertEquals(List.of("c1"), config.centres().stream().map(CentreDefinition::id).toList());
        assertEquals(3, config.devices().size());
        assertTrue(config.devices().stream().allMatch(d -> d.password() instanceof PasswordHash.Pbkdf2));
    }

    @Test
    void theMetricsTokenComesFromTheFileOrTheEnvironmentWhichWinsAndIsKeptOnlyAsAHash() throws IOException {
        JsonObject json = validConfig();
        json.put("gateway", new JsonObject().put("metricsToken", "file-token-0123456789abcdef"));
        Map<String, String> env = file(json);
        GatewayConfig fromFile = ConfigLoader.load(env);
        assertTrue(fromFile.metricsToken().orElseThrow().matches("file-token-0123456789abcdef"));
        assertFalse(fromFile.metricsToken().orElseThrow().matches("file-token-0123456789abcdeF"));
        assertFalse(fromFile.toString().contains("file-token"), "the token never shows: " + fromFile);

        Map<String, String> overridden = new HashMap<>(env);
        overridden.put(ConfigLoader.ENV_METRICS_TOKEN, "env-token-0123456789abcdef");
        GatewayConfig fromEnv = ConfigLoader.load(overridden);
        assertTrue(fromEnv.metricsToken().orElseThrow().matches("env-token-0123456789abcdef"));
        assertFalse(fromEnv.metricsToken().orElseThrow().matches("file-token-0123456789abcdef"));
        assertEquals(Optional.empty(), ConfigLoader.load(file(validConfig())).metricsToken(), "none configured");
    }

    @Test
    void aMetricsTokenShorterThanSixteenCharactersOrWithSpacesIsRefusedWithoutBeingShown() throws IOException {
        for (String token : List.of("short-secret", "has a space in it, 123456")) {
            Map<String, String> env = new HashMap<>(file(validConfig()));
            env.put(ConfigLoader.ENV_METRICS_TOKEN, token);
            ConfigException e = fails(env);
            assertMentions(e, ConfigLoader.ENV_METRICS_TOKEN, "gateway.metricsToken");
            assertFalse(e.getMessage().contains(token), e.getMessage());
        }
    }

    @Test
    void theOriginsAllowedToOpenMqttOverWebSocketComeFromTheFileOrTheEnvironmentWhichWinsInLowerCase()
            throws IOException {
        JsonObject json = validConfig();
        json.put("gateway", new JsonObject().put("allowedOrigins",
                new JsonArray().add("Screens.Centre.example").add("https://kiosk.centre.example:8443")));
        Map<String, String> env = file(json);
        assertEquals(List.of("screens.centre.example", "https://kiosk.centre.example:8443"),
                ConfigLoader.load(env).allowedOrigins());

        Map<String, String> overridden = new HashMap<>(env);
        overridden.put(ConfigLoader.ENV_ALLOWED_ORIGINS, "http://10.0.0.7:8080, [fd00::5] tv.centre.example");
        assertEquals(List.of("http://10.0.0.7:8080", "[fd00::5]", "tv.centre.example"),
                ConfigLoader.load(overridden).allowedOrigins());
        assertEquals(List.of(), ConfigLoader.load(file(validConfig())).allowedOrigins(), "only the gateway's own");
    }

    @Test
    void connectionLimitsHaveDocumentedDefaultsAndComeFromTheFilesLimitsSectionOrTheEnvironmentWhichWins()
            throws IOException {
        assertEquals(ConnectionLimits.DEFAULTS, ConfigLoader.load(file(validConfig())).limits());
        assertEquals(java.time.Duration.ofSeconds(10), ConnectionLimits.DEFAULTS.httpHeaderTimeout());
        assertEquals(0, ConnectionLimits.DEFAULTS.httpMaxConnections(), "derived from the open-files limit");

        JsonObject json = validConfig();
        json.put("gateway", new JsonObject().put("limits", new JsonObject().put("httpHeaderTimeoutSeconds", 4)
                .put("httpIdleTimeoutSeconds", 45).put("httpRequestTimeoutSeconds", 20)
                .put("mqttConnectTimeoutSeconds", 7).put("httpMaxConnections", 3000)
                .put("httpMaxConnectionsPerAddress", 100).put("mqttMaxConnections", 9000)
                .put("mqttMaxConnectionsPerAddress", 0).put("sseMaxStreams", 500).put("sseMaxStreamsPerAddress", 8)
                .put("reservedFileHandles", 2048)));
        Map<String, String> env = file(json);
        ConnectionLimits limits = ConfigLoader.load(env).limits();
        assertEquals(new ConnectionLimits(java.time.Duration.ofSeconds(4), java.time.Duration.ofSeconds(45),
                java.time.Duration.ofSeconds(20), java.time.Duration.ofSeconds(7), 3000, 100, 9000, 0, 500, 8, 2048),
                limits);

        Map<String, String> overridden = new HashMap<>(env);
        overridden.put(ConfigLoader.ENV_HTTP_HEADER_TIMEOUT, "3");
        overridden.put(ConfigLoader.ENV_MQTT_MAX_CONNECTIONS_PER_ADDRESS, "64");
        overridden.put(ConfigLoader.ENV_SSE_MAX_STREAMS, "200");
        ConnectionLimits fromEnv = ConfigLoader.load(overridden).limits();
        assertEquals(java.time.Duration.ofSeconds(3), fromEnv.httpHeaderTimeout());
        assertEquals(64, fromEnv.mqttMaxConnectionsPerAddress());
        assertEquals(200, fromEnv.sseMaxStreams());
        assertEquals(3000, fromEnv.httpMaxConnections(), "what the environment does not set stays the file's");
    }

    @Test
    void aConnectionLimitThatIsNotAWholeNumberInRangeOrAnUnknownLimitIsReportedWithItsSetting() throws IOException {
        assertMentions(fails(Map.of(ConfigLoader.ENV_HTTP_HEADER_TIMEOUT, "0")), ConfigLoader.ENV_HTTP_HEADER_TIMEOUT,
                "gateway.limits.httpHeaderTimeoutSeconds", "whole number of seconds", "'0'");
        assertMentions(fails(Map.of(ConfigLoader.ENV_HTTP_MAX_CONNECTIONS, "-5")),
                ConfigLoader.ENV_HTTP_MAX_CONNECTIONS, "'-5'");
        assertMentions(fails(Map.of(ConfigLoader.ENV_SSE_MAX_STREAMS_PER_ADDRESS, "lots")),
                ConfigLoader.ENV_SSE_MAX_STREAMS_PER_ADDRESS, "'lots'");
        JsonObject json = validConfig();
        json.put("gateway", new JsonObject().put("limits", new JsonObject().put("httpIdleTimeoutSeconds", 1.5)
                .put("maxConnections", 10)));
        ConfigException e = fails(file(json));
        assertMentions(e, "gateway.limits.httpIdleTimeoutSeconds", "'1.5'");
        assertMentions(e, "gateway.limits.maxConnections", "not a setting", "httpMaxConnections");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://screens.centre.example/kiosk", "ftp://screens.centre.example", "*",
            "https://*.centre.example", "screens.centre.example:8080", "http://user@screens.centre.example"})
    void anAllowedOriginThatIsNeitherAHostNorAnOriginIsReportedWithTheSetting(String origin) {
        ConfigException e = fails(Map.of(ConfigLoader.ENV_ALLOWED_ORIGINS, origin));
        assertMentions(e, ConfigLoader.ENV_ALLOWED_ORIGINS, "gateway.allowedOrigins", origin);
    }

    @Test
    void thePasswordCheckPoolDefaultsToHalfTheCoresAndComesFromTheFileOrTheEnvironmentWhichWins()
            throws IOException {
        PasswordCheckSettings defaults = ConfigLoader.load(file(validConfig())).passwordChecks();
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), defaults.threads());
        assertEquals(PasswordCheckSettings.DEFAULT_QUEUE, defaults.queue());

        JsonObject json = validConfig();
        json.put("gateway", new JsonObject().put("passwordCheckThreads", 3).put("passwordCheckQueue", 10));
        Map<String, String> env = file(json);
        assertEquals(new PasswordCheckSettings(3, 10), ConfigLoader.load(env).passwordChecks());
        Map<String, String> overridden = new HashMap<>(env);
        overridden.put(ConfigLoader.ENV_PASSWORD_CHECK_THREADS, "1");
        overridden.put(ConfigLoader.ENV_PASSWORD_CHECK_QUEUE, "0");
        assertEquals(new PasswordCheckSettings(1, 0), ConfigLoader.load(overridden).passwordChecks());
    }

    @Test
    void aPasswordCheckPoolOfNoThreadsOrANegativeQueueIsReportedWithItsSetting() {
        assertMentions(fails(Map.of(ConfigLoader.ENV_PASSWORD_CHECK_THREADS, "0")),
                ConfigLoader.ENV_PASSWORD_CHECK_THREADS, "gateway.passwordCheckThreads", "from 1 to 64", "'0'");
        assertMentions(fails(Map.of(ConfigLoader.ENV_PASSWORD_CHECK_QUEUE, "-1")),
                ConfigLoader.ENV_PASSWORD_CHECK_QUEUE, "gateway.passwordCheckQueue", "from 0 to 10000", "'-1'");
        assertMentions(fails(Map.of(ConfigLoader.ENV_PASSWORD_CHECK_THREADS, "two")),
                ConfigLoader.ENV_PASSWORD_CHECK_THREADS, "'two'");
    }

    @Test
    void aPlainTextPasswordOutsideTheDemoIsRefusedAndTheHashIsRecommended() throws IOException {
        JsonObject json = validConfig();
        JsonObject kiosk = json.getJsonArray("devices").getJsonObject(0);
        kiosk.remove("passwordHash");
        kiosk.put("password", "demo");
        ConfigException e = fails(file(json));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertMentions(e, "devices[0].password", "plain-text", "passwordHash", "hash-password");
    }

    @Test
    void bothAPasswordAndAHashAreRefused() throws IOException {
        JsonObject json = validConfig();
        json.getJsonArray("devices").getJsonObject(1).put("password", "x");
        assertMentions(fails(file(json)), "devices[1]", "not both");
    }

    @Test
    void aCounterSkillItsOperatorMayNotServeIsReportedWithCounterOperatorAndService() throws IOException {
        JsonObject json = validConfig();
        // Q02 is staffed by the police (CONG_AN); TP is served by the postal operator only.
        counter(json, "Q02").put("secondary", new JsonArray().add("TP"));
        ConfigException e = fails(file(json));
        assertMentions(e, "centres[0]", "Q02", "CONG_AN", "may not serve TP");
        assertFalse(e.getMessage().contains("Operator["), "operators are named by their code: " + e.getMessage());
        assertTrue(e.problems().stream().noneMatch(p -> p.contains("no centre c1")),
                "an invalid centre is reported once, not again for each of its devices: " + e.problems());
    }

    @Test
    void theCountersRulesComeFromTheCentresCounterRulesWithADefaultForEachValueLeftOut() throws IOException {
        JsonObject json = validConfig();
        assertEquals(CounterRules.DEFAULT, ConfigLoader.load(file(json)).centres().get(0).rules());
        json.getJsonArray("centres").getJsonObject(0).put("counterRules", new JsonObject()
                .put("recallLimit", 1).put("parkTimeoutMinutes", 5).put("ratingWindowSeconds", 90));
        CounterRules rules = ConfigLoader.load(file(json)).centres().get(0).rules();
        assertEquals(1, rules.recallLimit());
        assertEquals(Duration.ofMinutes(5), rules.parkTimeout());
        assertEquals(Duration.ofSeconds(90), rules.ratingWindow());
        assertEquals(CounterRules.DEFAULT.requeueGrace(), rules.requeueGrace());
        assertEquals(CounterRules.DEFAULT.requeueAfter(), rules.requeueAfter());
    }

    @Test
    void aCounterRuleOutOfItsBoundsOrNotAWholeNumberIsReportedWithItsSetting() throws IOException {
        JsonObject json = validConfig();
        json.getJsonArray("centres").getJsonObject(0).put("counterRules", new JsonObject()
                .put("recallLimit", 99).put("ratingWindowSeconds", 5));
        ConfigException e = fails(file(json));
        assertHasProblem(e.problems(), "centres[0].counterRules", "recallLimit", "0 to 20", "99");
        assertHasProblem(e.problems(), "centres[0].counterRules", "ratingWindowSeconds", "30 to 1800", "5");
        json.getJsonArray("centres").getJsonObject(0).put("counterRules", new JsonObject()
                .put("parkTimeoutMinutes", "ten"));
        assertMentions(fails(file(json)), "centres[0].counterRules.parkTimeoutMinutes", "whole number");
        json.getJsonArray("centres").getJsonObject(0).put("counterRules", "strict");
        assertMentions(fails(file(json)), "centres[0].counterRules", "must be an object");
    }

    @Test
    void aCounterSkillThatIsNoServiceIsReported() throws IOException {
        JsonObject json = validConfig();
        counter(json, "Q01").put("secondary", new JsonArray().add("XX"));
        assertMentions(fails(file(json)), "Q01", "unknown service XX");
    }

    @Test
    void aDeviceIdUsedTwiceIsReportedAtTheSecondOne() throws IOException {
        JsonObject json = validConfig();
        json.getJsonArray("devices").add(new JsonObject().put("id", "kiosk-1").put("centre", "c1")
                .put("role", "DISPLAY").put("passwordHash", HASH));
        ConfigException e = fails(file(json));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertMentions(e, "devices[3].id", "kiosk-1", "defined twice");
    }

    @Test
    void aTerminalForACounterTheCentreDoesNotHaveIsReported() throws IOException {
        JsonObject json = validConfig();
        json.getJsonArray("devices").getJsonObject(1).put("counter", "Q99");
        assertMentions(fails(file(json)), "devices[1].counter", "no counter Q99");
    }

    @Test
    void aDeviceWithAnUnknownRoleOrCentreIsReported() throws IOException {
        JsonObject json = validConfig();
        json.getJsonArray("devices").getJsonObject(0).put("role", "ADMIN");
        json.getJsonArray("devices").getJsonObject(2).put("centre", "elsewhere");
        ConfigException e = fails(file(json));
        assertMentions(e, "devices[0].role", "KIOSK, COUNTER, DISPLAY", "'ADMIN'");
        assertMentions(e, "devices[2].centre", "elsewhere");
    }

    @Test
    void aWrongSchemaIsReported() throws IOException {
        JsonObject json = validConfig().put("schema", "onedesk-config/0");
        assertMentions(fails(file(json)), "schema", "onedesk-config/1");
    }

    @Test
    void everyProblemOfFileAndEnvironmentIsReportedAtOnceOnePerLine() throws IOException {
        JsonObject json = validConfig();
        JsonObject kiosk = json.getJsonArray("devices").getJsonObject(0);
        kiosk.remove("passwordHash");
        kiosk.put("password", "demo");
        counter(json, "Q02").put("secondary", new JsonArray().add("TP"));
        json.getJsonArray("devices").add(new JsonObject().put("id", "counter-Q01").put("centre", "c1")
                .put("role", "COUNTER").put("counter", "Q01").put("passwordHash", HASH));
        json.getJsonArray("devices").getJsonObject(2).put("role", "SPEAKER");

        Map<String, String> env = new HashMap<>(file(json));
        env.put(ConfigLoader.ENV_MQTT_PORT, "abc");
        env.put(ConfigLoader.ENV_HTTP_PORT, "70000");
        env.put(ConfigLoader.ENV_PG_URL, "mysql://root:hunter2@db/onedesk");
        ConfigException e = fails(env);

        List<String> problems = e.problems();
        assertEquals(7, problems.size(), "every problem is listed, each once: " + problems);
        assertHasProblem(problems, ConfigLoader.ENV_MQTT_PORT, "'abc'");
        assertHasProblem(problems, ConfigLoader.ENV_HTTP_PORT, "'70000'");
        assertHasProblem(problems, ConfigLoader.ENV_PG_URL, "postgresql://");
        assertHasProblem(problems, "devices[0].password", "plain-text");
        assertHasProblem(problems, "devices[3].id", "defined twice");
        assertHasProblem(problems, "centres[0]", "Q02", "may not serve TP");
        assertHasProblem(problems, "devices[2].role", "'SPEAKER'");
        // One problem per line, after a headline.
        String[] lines = e.getMessage().split("\n");
        assertTrue(lines[0].contains("configuration"), e.getMessage());
        assertEquals(problems.size() + 1, lines.length, e.getMessage());
        for (String problem : problems) {
            assertFalse(problem.contains("Exception") || problem.contains("java."), problem);
        }
        assertFalse(e.getMessage().contains("hunter2"));
    }

    // --- helpers ---

    /** One centre c1 with two services, two counters and three devices, all valid. */
    private static JsonObject validConfig() {
        JsonObject centre = new JsonObject()
                .put("id", "c1")
                .put("name", "Trung tâm thử")
                .put("timezone", "Asia/Ho_Chi_Minh")
                .put("sessions", new JsonArray().add(new JsonObject().put("from", "07:30").put("to", "11:30")))
                .put("services", new JsonArray()
                        .add(new JsonObject().put("code", "TP").put("name", "Tư pháp").put("prefix", "A")
                                .put("servedBy", new JsonArray().add("POSTAL")).put("targetWaitMinutes", 20))
                        .add(new JsonObject().put("code", "CA").put("name", "Công an").put("prefix", "K")
                                .put("servedBy", new JsonArray().add("CONG_AN")).put("targetWaitMinutes", 25)))
                .put("counters", new JsonArray()
                        .add(new JsonObject().put("id", "Q01").put("number", 1).put("operator", "POSTAL")
                                .put("primary", new JsonArray().add("TP")))
                        .add(new JsonObject().put("id", "Q02").put("number", 2).put("operator", "CONG_AN")
                                .put("primary", new JsonArray().add("CA"))));
        JsonArray devices = new JsonArray()
                .add(new JsonObject().put("id", "kiosk-1").put("centre", "c1").put("role", "KIOSK")
                        .put("passwordHash", HASH))
                .add(new JsonObject().put("id", "counter-Q01").put("centre", "c1").put("role", "COUNTER")
                        .put("counter", "Q01").put("passwordHash", HASH))
                .add(new JsonObject().put("id", "hall-1").put("centre", "c1").put("role", "DISPLAY")
                        .put("passwordHash", HASH));
        return new JsonObject().put("schema", ConfigLoader.SCHEMA).put("centres", new JsonArray().add(centre))
                .put("devices", devices);
    }

    private static JsonObject counter(JsonObject config, String id) {
        JsonArray counters = config.getJsonArray("centres").getJsonObject(0).getJsonArray("counters");
        for (int i = 0; i < counters.size(); i++) {
            if (counters.getJsonObject(i).getString("id").equals(id)) {
                return counters.getJsonObject(i);
            }
        }
        throw new IllegalArgumentException(id);
    }

    /** The file as ONEDESK_CONFIG, allowed to run without TLS (TlsConfigTest checks that rule). */
    private Map<String, String> file(JsonObject json) throws IOException {
        return Map.of(ConfigLoader.ENV_CONFIG, write("centre-" + System.nanoTime() + ".json", json.encodePrettily())
                .toString(), ConfigLoader.ENV_ALLOW_PLAINTEXT, "true");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static ConfigException fails(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(env));
    }

    private static void assertMentions(ConfigException e, String... parts) {
        assertHasProblem(e.problems(), parts);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message mentions " + part + ": " + e.getMessage());
        }
    }

    /** Some single problem mentions all the parts. */
    private static void assertHasProblem(List<String> problems, String... parts) {
        assertTrue(problems.stream().anyMatch(p -> List.of(parts).stream().allMatch(p::contains)),
                "a problem mentioning " + List.of(parts) + " in " + problems);
    }
}
