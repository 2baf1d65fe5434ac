package vn.onedesk.engine.ticketing;

/** Legal priority groups (đối tượng ưu tiên). NONE is the ordinary citizen. */
public enum PriorityGroup {
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
    MERIT;

    public boolean isPriority() {
        return this != NONE;
    }
}
