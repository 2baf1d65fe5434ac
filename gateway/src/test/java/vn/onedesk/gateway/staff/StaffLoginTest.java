package vn.onedesk.gateway.staff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.HttpCalls.errorCode;
import static vn.onedesk.gateway.support.HttpCalls.get;
import static vn.onedesk.gateway.support.HttpCalls.json;
import static vn.onedesk.gateway.support.HttpCalls.post;
import static vn.onedesk.gateway.support.HttpCalls.postJson;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.sqlclient.Row;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.Logins;
import vn.onedesk.gateway.support.TestClock;

/**
 * Human login over HTTP against the real gateway and PostgreSQL, with the demo staff: what login answers, the
 * cookie and the bearer token, logout, the password change, and when a session ends (on a clock the test moves).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffLoginTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T01:00:00Z"));
    private GatewayHarness gateway;

    @BeforeAll
    void start() {
        gateway = GatewayHarness.startDemo(clock);
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void aRightPasswordAnswersWhoItIsTheirRolesWhenTheSessionEndsAndATokenAndSetsAStrictHttpOnlyCookie() {
        HttpResponse<String> response = Logins.login(gateway, "manager", "demo");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals("manager", body.path("username").asText());
        assertFalse(body.path("fullName").asText().isBlank());
        assertEquals(1, body.path("roles").size());
        assertEquals("CENTRE_MANAGER", body.path("roles").get(0).path("role").asText());
        assertEquals("hcc-tinh", body.path("roles").get(0).path("centre").asText());
        assertEquals(clock.instant().plus(Duration.ofHours(8)).toString(), body.path("expiresAt").asText(),
                "unused, the session ends after 8 idle hours");
        String token = body.path("token").asText();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 random bits, URL-safe: " + token);

        String cookie = response.headers().firstValue("set-cookie").orElseThrow();
        List<String> attributes = List.of(cookie.toLowerCase(Locale.ROOT).split(";\\s*"));
        assertEquals("onedesk_session=" + token.toLowerCase(Locale.ROOT), attributes.get(0), cookie);
        assertTrue(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=strict"), cookie);
        assertTrue(attributes.contains("path=/"), cookie);
        assertFalse(attributes.contains("secure"), "no TLS here, and a Secure cookie would never come back: " + cookie);
        assertTrue(attributes.contains("max-age=43200"), "the absolute lifetime, 12 h: " + cookie);
        assertEquals("no-store", response.headers().firstValue("cache-control").orElse(""));

        JsonNode admin = json(Logins.login(gateway, "admin", "demo"));
        assertEquals("ADMIN", admin.path("roles").get(0).path("role").asText());
        assertTrue(admin.path("roles").get(0).path("centre").isMissingNode(), "ADMIN holds every centre: " + admin);
        JsonNode officer = json(Logins.login(gateway, "officer-Q21", "demo"));
        assertEquals("OFFICER", officer.path("roles").get(0).path("role").asText());
        assertEquals("CONG_AN", officer.path("operator").asText(), "the operator of counter Q21");
    }

    @Test
    void theCookieAndTheBearerTokenEachOpenMeAndNeitherIsNeededToBeRefused() {
        String token = Logins.manager(gateway);
        JsonNode byBearer = json(get(me(), "Authorization", "Bearer " + token));
        JsonNode byCookie = json(get(me(), "Cookie", "onedesk_session=" + token));
        assertEquals("manager", byBearer.path("username").asText());
        assertEquals(byBearer, byCookie);
        assertTrue(byBearer.path("token").isMissingNode(), "me never repeats the token");

        HttpResponse<String> anonymous = get(me());
        assertEquals(401, anonymous.statusCode());
        assertEquals("UNAUTHENTICATED", errorCode(anonymous));
        assertTrue(anonymous.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, get(me(), "Authorization", "Bearer " + token.substring(1) + "x").statusCode());
        assertEquals(401, get(me(), "Cookie", "onedesk_session=nonsense").statusCode());
    }

    @Test
    void theDatabaseHoldsOnlyTheSha256OfTheTokenNeverTheTokenItself() throws Exception {
        String token = Logins.token(gateway, "officer-Q01", "demo");
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        Row row = GatewayHarness.await(gateway.gateway().query(
                "SELECT token_hash, username FROM login_sessions WHERE token_hash = $1",
                io.vertx.core.buffer.Buffer.buffer(sha256))).iterator().next();
        assertArrayEquals(sha256, row.getBuffer("token_hash").getBytes());
        assertEquals("officer-Q01", row.getString("username"));
        assertEquals(0, gateway.count("SELECT count(*) FROM login_sessions s WHERE position($1 in s::text) > 0",
                token), "no column of any session holds the token");
    }

    @Test
    void logoutDeletesTheSessionAndClearsTheCookieSoNeitherTheTokenNorTheCookieWorksAgain() {
        String token = Logins.token(gateway, "officer-Q02", "demo");
        long sessions = gateway.count("SELECT count(*) FROM login_sessions WHERE username = 'officer-Q02'");
        HttpResponse<String> out = post(gateway.httpUri(AuthApi.LOGOUT), "Cookie", "onedesk_session=" + token);
        assertEquals(204, out.statusCode(), out.body());
        String cleared = out.headers().firstValue("set-cookie").orElseThrow().toLowerCase(Locale.ROOT);
        assertTrue(cleared.startsWith("onedesk_session=;") && cleared.contains("max-age=0"), cleared);
        assertEquals(sessions - 1, gateway.count("SELECT count(*) FROM login_sessions WHERE username = 'officer-Q02'"));
        assertEquals(401, get(me(), "Authorization", "Bearer " + token).statusCode());
        assertEquals(401, get(me(), "Cookie", "onedesk_session=" + token).statusCode());
        assertEquals(204, post(gateway.httpUri(AuthApi.LOGOUT), "Authorization", "Bearer " + token).statusCode(),
                "logging out twice is no error");
    }

    @Test
    void aPasswordChangeNeedsTheRightCurrentPasswordAndEightCharactersThenEndsTheOtherSessionsOnly() {
        String here = Logins.token(gateway, "officer-Q05", "demo");
        String elsewhere = Logins.token(gateway, "officer-Q05", "demo");
        String uri = gateway.httpUri(AuthApi.PASSWORD);
        String bearer = "Bearer " + here;

        HttpResponse<String> wrong = postJson(uri, "{\"currentPassword\":\"not-demo\",\"newPassword\":\"mat-khau-moi\"}",
                "Authorization", bearer);
        assertEquals(403, wrong.statusCode(), wrong.body());
        assertEquals("FORBIDDEN", errorCode(wrong));
        HttpResponse<String> tooShort = postJson(uri, "{\"currentPassword\":\"demo\",\"newPassword\":\"1234567\"}",
                "Authorization", bearer);
        assertEquals(400, tooShort.statusCode(), tooShort.body());
        assertEquals("INVALID_REQUEST", errorCode(tooShort));
        assertTrue(json(tooShort).path("error").path("detail").asText().contains("8"), tooShort.body());
        assertEquals(401, postJson(uri, "{\"currentPassword\":\"demo\",\"newPassword\":\"mat-khau-moi\"}")
                .statusCode(), "a password change needs a login");

        HttpResponse<String> changed = postJson(uri, "{\"currentPassword\":\"demo\",\"newPassword\":\"mat-khau-moi\"}",
                "Authorization", bearer);
        assertEquals(204, changed.statusCode(), changed.body());
        assertEquals(200, get(me(), "Authorization", bearer).statusCode(), "the session that changed it goes on");
        assertEquals(401, get(me(), "Authorization", "Bearer " + elsewhere).statusCode(), "the others end");
        assertEquals(401, Logins.login(gateway, "officer-Q05", "demo").statusCode());
        assertEquals(200, Logins.login(gateway, "officer-Q05", "mat-khau-moi").statusCode());
        assertTrue(GatewayHarness.await(gateway.gateway().query(
                "SELECT password_hash FROM staff_accounts WHERE username = 'officer-Q05'")).iterator().next()
                .getString(0).startsWith("pbkdf2-sha256$210000$"), "stored as a PBKDF2 hash");
    }

    @Test
    void aSessionUnusedForEightHoursHasEndedAndIsDeleted() {
        String token = Logins.token(gateway, "officer-Q06", "demo");
        clock.advance(Duration.ofHours(8).minusSeconds(1));
        long before = gateway.count("SELECT count(*) FROM login_sessions WHERE username = 'officer-Q06'");
        String other = Logins.token(gateway, "officer-Q06", "demo"); // a second session, to see the first alone end
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> ended = get(me(), "Authorization", "Bearer " + token);
        assertEquals(401, ended.statusCode(), ended.body());
        assertEquals("UNAUTHENTICATED", errorCode(ended));
        assertEquals(before, gateway.count("SELECT count(*) FROM login_sessions WHERE username = 'officer-Q06'"),
                "the ended session is deleted, the new one stays");
        assertEquals(200, get(me(), "Authorization", "Bearer " + other).statusCode());
    }

    @Test
    void aSessionInUseLastsTwelveHoursAfterLoginAndNotASecondMore() {
        String token = Logins.token(gateway, "officer-Q07", "demo");
        Instant login = clock.instant();
        for (int hour = 2; hour <= 10; hour += 2) {
            clock.set(login.plus(Duration.ofHours(hour)));
            HttpResponse<String> me = get(me(), "Authorization", "Bearer " + token);
            assertEquals(200, me.statusCode(), "used every 2 h, at hour " + hour);
            Instant expected = hour + 8 < 12 ? clock.instant().plus(Duration.ofHours(8)) : login.plusSeconds(12 * 3600);
            assertEquals(expected.toString(), json(me).path("expiresAt").asText(), "at hour " + hour);
        }
        clock.set(login.plus(Duration.ofHours(12)).minusSeconds(1));
        assertEquals(200, get(me(), "Authorization", "Bearer " + token).statusCode());
        clock.set(login.plus(Duration.ofHours(12)));
        assertEquals(401, get(me(), "Authorization", "Bearer " + token).statusCode(), "12 h after login, it ends");
    }

    @Test
    void aLoginThatIsNotAJsonObjectWithAUsernameAndAPasswordIs400InvalidRequest() {
        String uri = gateway.httpUri(AuthApi.LOGIN);
        List<HttpResponse<String>> bad = List.of(
                postJson(uri, "username=manager&password=demo"),
                postJson(uri, "[\"manager\",\"demo\"]"),
                postJson(uri, "{\"username\":\"manager\"}"),
                postJson(uri, "{\"username\":\"manager\",\"password\":42}"),
                postJson(uri, "{\"username\":\"" + "m".repeat(65) + "\",\"password\":\"demo\"}"),
                HttpCallsWithoutJsonType.post(uri, "{\"username\":\"manager\",\"password\":\"demo\"}"));
        for (HttpResponse<String> response : bad) {
            assertEquals(400, response.statusCode(), response.body());
            assertEquals("INVALID_REQUEST", errorCode(response), response.body());
        }
    }

    /** A form post as another site's page could make it: the content type is not JSON. */
    private static final class HttpCallsWithoutJsonType {
        static HttpResponse<String> post(String uri, String body) {
            try {
                return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(uri)).header("content-type", "application/x-www-form-urlencoded")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private String me() {
        return gateway.httpUri(AuthApi.ME);
    }
}
