package vn.onedesk.protocol;

/**
 * A topic of protocol v1, parsed. Every topic lives under {@code onedesk/v1/{centre}/}.
 * The gateway decides what each device may do with each kind; this type only names them.
 */
public sealed interface Topic {
    String centre();

    /** The topic name as it appears on the wire. */
    String name();

    /** Kiosk → gateway: take a ticket. */
    record TicketRequest(String centre, String kiosk) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/kiosks/" + kiosk + "/tickets/request";
        }
    }

    /** Gateway → kiosk: the ticket, or why not. */
    record TicketResponse(String centre, String kiosk) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/kiosks/" + kiosk + "/tickets/response";
        }
    }

    /** Counter terminal → gateway: OPEN, CALL_NEXT, ... */
    record CounterCommands(String centre, String counter) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/counters/" + counter + "/commands";
        }
    }

    /** Gateway → counter terminal: the result of a command. */
    record CounterReplies(String centre, String counter) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/counters/" + counter + "/replies";
        }
    }

    /** Retained: what the counter is serving now. */
    record CounterNow(String centre, String counter) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/counters/" + counter + "/now";
        }
    }

    /** Every call and recall in the centre, for hall displays. */
    record Calls(String centre) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/calls";
        }
    }

    /**
     * Retained: what a counter terminal needs to see of its queue (waiting counts of the services it
     * serves, the next tickets in line). Only that counter's own terminal may read it.
     */
    record CounterQueue(String centre, String counter) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/counters/" + counter + "/queue";
        }
    }

    /** Retained: the whole hall at a glance (counters, recent calls, waits), for every device of the centre. */
    record Board(String centre) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/board";
        }
    }

    /** Retained: waiting count and estimated wait of one service. */
    record ServiceWait(String centre, String service) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/services/" + service + "/wait";
        }
    }

    /** Device heartbeat and last will. */
    record DeviceStatus(String centre, String device) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/devices/" + device + "/status";
        }
    }

    /**
     * Gateway → device: errors that have no natural reply topic (a display's forbidden publish,
     * an unknown topic, a refused subscription), so that nothing a device sends is dropped silently.
     */
    record DeviceErrors(String centre, String device) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/devices/" + device + "/errors";
        }
    }

    /**
     * Retained, gateway → the counter's rating pad: the ticket the counter just completed, to be rated; cleared with
     * an empty message once it is rated or its window ends.
     */
    record RatingPrompt(String centre, String counter) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/counters/" + counter + "/rating/prompt";
        }
    }

    /** Rating pad → gateway: the citizen's rating of the ticket the prompt showed. */
    record RatingSubmit(String centre, String counter) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/counters/" + counter + "/rating/submit";
        }
    }

    /** Gateway → rating pad: the result of a rating (accepted once stored, or an error). */
    record RatingReplies(String centre, String counter) implements Topic {
        public String name() {
            return Topics.PREFIX + centre + "/counters/" + counter + "/rating/replies";
        }
    }
}
