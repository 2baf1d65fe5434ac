package vn.onedesk.monitoring.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlNamesTest {

    @Test
    void aSelectorWithMatchersAndARangeIsItsMetricName() {
        assertEquals(Set.of("onedesk_ticket_calls_total"),
                PromQlNames.of("rate(onedesk_ticket_calls_total{centre=\"$centre\", service=~\"TP|DD\"}[5m])"));
    }

    @Test
    void aggregationsGroupingClausesAndFunctionsAreNotMetricNames() {
        assertEquals(Set.of("onedesk_ticket_wait_seconds_bucket"), PromQlNames.of(
                "histogram_quantile(0.9, sum by (service, le) (rate(onedesk_ticket_wait_seconds_bucket"
                        + "{centre=\"$centre\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_total", "b"), PromQlNames.of("sum(rate(a_total[1h])) by (centre) / on(centre) group_left(x) b"));
    }

    @Test
    void bothSidesOfSetOperatorsAreFoundAndKeywordsAndNumbersAreNot() {
        assertEquals(Set.of("onedesk_waiting_tickets", "onedesk_service_open_counters", "onedesk_centre_in_session"),
                PromQlNames.of("onedesk_waiting_tickets > 0 and on(centre, service) onedesk_service_open_counters == 0"
                        + " and on(centre) onedesk_centre_in_session == 1 offset 5m unless bool 1e3"));
    }

    @Test
    void labelValuesInsideStringsAreNotMetricNames() {
        assertEquals(Set.of("up"), PromQlNames.of("up{job=\"onedesk\", instance!~\"foo_bar(x)\"} == 0"));
    }
}
