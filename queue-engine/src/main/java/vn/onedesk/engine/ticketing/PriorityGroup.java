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
    MERIT,
    /**
     * One of the groups above, which one no longer recorded: a finished ticket of a closed day keeps only whether it
     * had a priority group (the gateway's retention erases the group, health data for some, Decree 13/2023). Never
     * issued and never in a queue.
     */
    ERASED;

    public boolean isPriority() {
        return this != NONE;
    }

    /** Whether a citizen can be issued a ticket in this group: every group but {@link #ERASED}. */
    public boolean isIssuable() {
        return this != ERASED;
    }
}
