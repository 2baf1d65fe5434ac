package vn.onedesk.gateway.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.HttpCalls.errorCode;
import static vn.onedesk.gateway.support.HttpCalls.get;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.Logins;

/**
 * Who may read a centre's daily report, each role against the real endpoint: anonymous 401, an officer 403, the
 * centre's manager 200, another centre's manager 403, an administrator 200; by bearer token and by cookie alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportAccessTest {
    private static final String REPORT = "/api/v1/centres/hcc-tinh/reports/daily?date=2025-03-03";
    private GatewayHarness gateway;

    @BeforeAll
    void start() {
        gateway = GatewayHarness.startDemo();
        // A manager of another centre, made through the store as the admin API will make them.
        StaffAccount other = new StaffAccount("manager-khac", "Lãnh đạo trung tâm khác", Optional.empty(),
                PasswordHash.create("mat-khau-khac".toCharArray()), Optional.empty(), true,
                List.of(RoleAssignment.managerOf("hcc-khac")));
        assertTrue(GatewayHarness.await(gateway.gateway().staff().store().create(other, Clock.systemUTC().instant())));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void anonymousIs401Unauthenticated() {
        HttpResponse<String> response = get(gateway.httpUri(REPORT));
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("UNAUTHENTICATED", errorCode(response));
        assertEquals(401, get(gateway.httpUri(REPORT + "&format=csv")).statusCode(), "the CSV too");
    }

    @Test
    void anOfficerOfTheCentreIs403Forbidden() {
        HttpResponse<String> response = asBearer(Logins.token(gateway, "officer-Q01", "demo"));
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("FORBIDDEN", errorCode(response));
        assertTrue(response.body().contains("CENTRE_MANAGER of hcc-tinh, or ADMIN"), response.body());
    }

    @Test
    void theCentresManagerIs200ByBearerTokenAndByCookie() {
        String token = Logins.manager(gateway);
        HttpResponse<String> byBearer = asBearer(token);
        assertEquals(200, byBearer.statusCode(), byBearer.body());
        assertTrue(byBearer.body().contains("\"centre\" : \"hcc-tinh\""), byBearer.body());
        assertEquals(200, get(gateway.httpUri(REPORT), "Cookie", "onedesk_session=" + token).statusCode());
    }

    @Test
    void aManagerOfAnotherCentreIs403ForThisOneAndReachesOnlyTheirOwn() {
        String token = Logins.token(gateway, "manager-khac", "mat-khau-khac");
        HttpResponse<String> response = asBearer(token);
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("FORBIDDEN", errorCode(response));
        HttpResponse<String> own = get(gateway.httpUri("/api/v1/centres/hcc-khac/reports/daily"), "Authorization",
                "Bearer " + token);
        assertEquals(404, own.statusCode(), "their own centre is not run by this gateway: " + own.body());
        assertEquals("UNKNOWN_CENTRE", errorCode(own));
    }

    @Test
    void anAdministratorIs200() {
        HttpResponse<String> response = asBearer(Logins.admin(gateway));
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void aManagerWhoseAccountIsDisabledIsRefusedAtTheNextRequest() {
        StaffAccount account = new StaffAccount("manager-tam", "Quản lý tạm", Optional.empty(),
                PasswordHash.create("mat-khau-tam".toCharArray()), Optional.empty(), true,
                List.of(RoleAssignment.managerOf("hcc-tinh")));
        GatewayHarness.await(gateway.gateway().staff().store().create(account, Clock.systemUTC().instant()));
        String token = Logins.token(gateway, "manager-tam", "mat-khau-tam");
        assertEquals(200, asBearer(token).statusCode());
        GatewayHarness.await(gateway.gateway().staff().store().setEnabled("manager-tam", false,
                Clock.systemUTC().instant()));
        assertEquals(401, asBearer(token).statusCode(), "the session's account is read at every request");
    }

    private HttpResponse<String> asBearer(String token) {
        return get(gateway.httpUri(REPORT), "Authorization", "Bearer " + token);
    }
}
