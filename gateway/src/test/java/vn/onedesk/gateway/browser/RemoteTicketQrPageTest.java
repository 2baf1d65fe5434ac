package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;

/**
 * The remote ticket's code as a QR code on the citizen's ticket page: what the phone's screen shows is read back by a
 * QR decoder as exactly the code the kiosk takes as {@code remoteCode}, under the page's CSP; it goes once the ticket
 * is confirmed. The image's endpoint looks nothing up, so it tells nobody which codes are in use.
 */
class RemoteTicketQrPageTest extends BrowserTest {

    @Override
    protected Clock gatewayClock() {
        return centreTimeOfDay(LocalTime.of(9, 0)); // remote tickets are taken within the sessions
    }

    @Test
    void thePhoneScreensQrCodeReadsAsTheRemoteCodeAndGoesOnceTheKioskConfirmedIt() throws Exception {
        command("Q21", "OPEN");
        takeTicket("CA");
        HttpResponse<String> taken = HttpCalls.postJson(url("/api/v1/centres/hcc-tinh/remote-tickets"),
                "{\"requestId\":\"phone-tap-qr\",\"service\":\"CA\",\"phone\":\"0912345678\"}");
        assertEquals(201, taken.statusCode(), taken.body());
        JsonNode body = HttpCalls.json(taken);
        String code = body.path("code").asText();

        Browser phone = browser(412, 915);
        phone.open(url(body.path("ticketPage").asText()));
        phone.waitText("#remote-code", code);
        phone.waitForJs("the QR code drawn", "const img = document.getElementById('remote-qr');"
                + " return !img.hidden && img.complete && img.naturalWidth > 0 || null");
        assertTrue(phone.find("#remote-qr").getAttribute("alt").contains(code), phone.find("#remote-qr")
                .getAttribute("alt"));
        assertTrue(phone.find("#remote-qr").getSize().getWidth() >= 200, "large enough for a scanner");

        // what a scanner sees: the element as the screen shows it, decoded
        byte[] png = phone.find("#remote-qr").getScreenshotAs(OutputType.BYTES);
        assertEquals(code, decodeQr(png), "the QR code holds the code alone, as the kiosk's scanner types it");
        assertFalse(phone.consoleLog().contains("Content Security Policy"), phone.consoleLog());
        phone.screenshot("ticket-remote-qr-test");

        // confirmed at the kiosk: the code has done its work, the QR code goes
        var kiosk = device("kiosk-1");
        kiosk.subscribe(GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/response");
        JsonNode confirmed = kiosk.request(GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/request",
                GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/response", "confirm-qr",
                "{\"requestId\":\"confirm-qr\",\"remoteCode\":\"" + code + "\"}");
        assertTrue(confirmed.path("ticket").path("remote").path("confirmed").asBoolean(), confirmed.toString());
        phone.waitForJs("the QR code hidden", "return document.getElementById('remote-qr').hidden || null");
        assertEquals(code, phone.text("#remote-code"), "the code itself stays on the page");
    }

    @Test
    void theQrEndpointDrawsAnyWellFormedCodeWithoutLookingItUpAndRefusesAnythingElse() throws Exception {
        HttpResponse<String> unused = HttpCalls.get(url("/api/v1/centres/hcc-tinh/remote-tickets/K7M3QX/qr.svg"));
        assertEquals(200, unused.statusCode(), "no ticket has this code, and the answer does not say so");
        assertEquals("image/svg+xml", unused.headers().firstValue("content-type").orElse(""));
        assertEquals("no-store", unused.headers().firstValue("cache-control").orElse(""));
        assertTrue(unused.body().startsWith("<svg"), unused.body());

        for (String bad : new String[] {"K7M3Q0", "k7m3qx", "K7M3QXZ", "K7M-3QX"}) {
            HttpResponse<String> refused = HttpCalls.get(url("/api/v1/centres/hcc-tinh/remote-tickets/" + bad
                    + "/qr.svg"));
            assertEquals(404, refused.statusCode(), bad);
            assertEquals("UNKNOWN_REMOTE_TICKET", HttpCalls.errorCode(refused), bad);
        }
        HttpResponse<String> noCentre = HttpCalls.get(url("/api/v1/centres/nowhere/remote-tickets/K7M3QX/qr.svg"));
        assertEquals(404, noCentre.statusCode());
        assertEquals("UNKNOWN_CENTRE", HttpCalls.errorCode(noCentre));
    }

    /** Decodes the one QR code in a PNG, as a scanner would from a screen. */
    private static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
