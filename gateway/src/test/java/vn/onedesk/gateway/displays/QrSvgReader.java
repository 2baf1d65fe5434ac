package vn.onedesk.gateway.displays;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back the QR codes the gateway draws: the SVG's path (one "M x y h run v1 h-run z" per run of
 * dark modules, inside a four-module quiet zone) becomes a module matrix, which ZXing's own QR decoder
 * reads. So the test checks the picture a phone would scan, not just that some SVG came back.
 */
public final class QrSvgReader {
    private static final int QUIET_ZONE = 4;
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
    private static final Pattern PATH = Pattern.compile("<path[^>]* d=\"([^\"]*)\"");

    private QrSvgReader() {
    }

    public static String decode(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        if (!box.find()) {
            throw new AssertionError("no viewBox in " + svg);
        }
        int modules = Integer.parseInt(box.group(1)) - 2 * QUIET_ZONE;
        BitMatrix matrix = new BitMatrix(modules);
        Matcher path = PATH.matcher(svg);
        if (!path.find()) {
            throw new AssertionError("no path in " + svg);
        }
        String d = path.group(1);
        Matcher run = RUN.matcher(d);
        int consumed = 0;
        while (run.find()) {
            if (run.start() != consumed) {
                throw new AssertionError("unexpected path data at " + consumed + ": " + d);
            }
            consumed = run.end();
            int x = Integer.parseInt(run.group(1)) - QUIET_ZONE;
            int y = Integer.parseInt(run.group(2)) - QUIET_ZONE;
            matrix.setRegion(x, y, Integer.parseInt(run.group(3)), 1);
        }
        if (consumed != d.length()) {
            throw new AssertionError("unexpected path data at " + consumed + ": " + d);
        }
        return new Decoder().decode(matrix).getText();
    }
}
