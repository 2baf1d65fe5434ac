package vn.onedesk.gateway.devices;

/** What a connected device is, and so what it may do. */
public enum DeviceRole {
    /** A ticket kiosk (máy lấy số), touch screen and thermal printer. */
    KIOSK,
    /** A counter terminal (thiết bị tại quầy), commanding exactly one counter. */
    COUNTER,
    /** A hall or counter display (màn hình hiển thị): reads only. */
    DISPLAY,
    /**
     * A rating pad (thiết bị đánh giá), the tablet or keypad facing the citizen at exactly one counter: it rates
     * only what that counter has just completed.
     */
    RATING_PAD;

    /** Whether a device of this role belongs to one counter, which its account names. */
    public boolean boundToCounter() {
        return this == COUNTER || this == RATING_PAD;
    }
}
