package vn.onedesk.gateway.devices;

/** What a connected device is, and so what it may do. */
public enum DeviceRole {
    /** A ticket kiosk (máy lấy số), touch screen and thermal printer. */
    KIOSK,
    /** A counter terminal (thiết bị tại quầy), commanding exactly one counter. */
    COUNTER,
    /** A hall or counter display (màn hình hiển thị): reads only. */
    DISPLAY
}
