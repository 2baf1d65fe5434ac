package vn.onedesk.protocol.devices;

import vn.onedesk.protocol.Fields;

/**
 * The state of a kiosk's ticket printer, sent with its heartbeat so that operators see a kiosk
 * running out of paper before citizens find it empty.
 *
 * @param jammed whether paper is stuck in the printer (it cannot print until cleared)
 */
public record PrinterStatus(PaperLevel paper, boolean jammed) {
    public PrinterStatus {
        Fields.requiredValue("printer.paper", paper);
    }
}
