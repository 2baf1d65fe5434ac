package vn.onedesk.monitoring;

import java.util.List;

/** Webhook deliveries to integrators (issue 17): attempts by outcome, and what still waits. */
public interface WebhookMetrics {
    /** The outcomes of a delivery attempt: delivered (2xx), failed (tried again later), dead (the last attempt). */
    List<String> OUTCOMES = List.of("delivered", "failed", "dead");

    /** One attempt to deliver an event to a subscriber, and how long it took. */
    void webhookAttempt(String outcome, long nanos);

    /**
     * The deliveries not yet made and the dead letters, cluster-wide, and the age in seconds of the oldest event
     * still owed to a subscriber (0 when none is).
     */
    void webhookBacklog(long pending, long dead, double lagSeconds);
}
