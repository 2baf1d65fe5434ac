package vn.onedesk.protocol.ticketing;

/**
 * Legal priority groups (đối tượng ưu tiên) as sent by kiosks. NONE is the ordinary citizen.
 */
public enum Priority {
    NONE,
    /** Người cao tuổi. */
    ELDERLY,
    /** Người khuyết tật. */
    DISABLED,
    /** Phụ nữ mang thai. */
    PREGNANT,
    /** Trẻ em dưới 6 tuổi đi cùng người giám hộ. */
    CHILD_UNDER_6,
    /** Người có công với cách mạng. */
    MERIT
}
