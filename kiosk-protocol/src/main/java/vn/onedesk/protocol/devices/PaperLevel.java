package vn.onedesk.protocol.devices;

/** How much paper a kiosk's ticket printer has left, as the printer's own sensor reports it. */
public enum PaperLevel {
    OK,
    /** The near-end sensor tripped: a roll change is due soon, tickets still print. */
    LOW,
    /** No paper: the kiosk cannot print tickets. */
    OUT
}
