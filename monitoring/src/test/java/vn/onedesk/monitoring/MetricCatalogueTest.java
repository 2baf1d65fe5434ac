package vn.onedesk.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalogue follows Prometheus naming conventions and keeps labels bounded. */
class MetricCatalogueTest {

    @Test
    void everyNameIsSnakeCaseUnderTheOnedeskPrefixAndUnique() {
        Set<String> seen = new HashSet<>();
        for (Metric m : Metric.values()) {
            assertTrue(m.prometheusName().matches("onedesk_[a-z][a-z0-9_]*[a-z0-9]"), m.prometheusName());
            assertTrue(seen.add(m.prometheusName()), "listed once: " + m.prometheusName());
            assertFalse(m.help().isBlank(), m + " has help");
        }
    }

    @Test
    void countersEndInTotalAndNothingElseDoes() {
        for (Metric m : Metric.values()) {
            assertEquals(m.type() == MetricType.COUNTER, m.prometheusName().endsWith("_total"), m.prometheusName());
        }
    }

    @Test
    void histogramsAreInSecondsWithAscendingBucketsAndOtherTypesHaveNone() {
        for (Metric m : Metric.values()) {
            double[] buckets = m.buckets();
            if (m.type() == MetricType.HISTOGRAM) {
                assertTrue(m.prometheusName().endsWith("_seconds"), m + " is in the base unit, seconds");
                assertTrue(buckets.length >= 5, m + " has enough buckets to read a distribution");
                for (int i = 1; i < buckets.length; i++) {
                    assertTrue(buckets[i] > buckets[i - 1], m + " buckets ascend");
                }
            } else {
                assertEquals(0, buckets.length, m + " has no buckets");
            }
        }
    }

    @Test
    void waitHistogramsSpanMinutesToHours() {
        double[] wait = Metric.TICKET_WAIT.buckets();
        assertEquals(60, wait[0], "the first wait bucket is one minute");
        assertTrue(wait[wait.length - 1] >= 3 * 3600, "waits of hours still fall in a bucket");
        double[] error = Metric.WAIT_ESTIMATE_ERROR.buckets();
        assertTrue(error[0] < 0 && error[error.length - 1] > 0, "the estimate error is signed");
        assertTrue(Arrays.stream(error).anyMatch(b -> b == 0), "0 separates sooner from later than shown");
    }

    @Test
    void everyLabelIsOneOfTheDocumentedBoundedLabelsAndNoneIsAnIdentifierOfATicketOrRequest() throws Exception {
        Set<String> documented = new HashSet<>();
        for (Field f : Label.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                documented.add((String) f.get(null));
            }
        }
        for (Metric m : Metric.values()) {
            assertTrue(documented.containsAll(m.labels()), m + " uses documented labels only: " + m.labels());
            assertEquals(m.labels().size(), Set.copyOf(m.labels()).size(), m + " lists a label once");
            for (String label : m.labels()) {
                assertFalse(label.matches(".*(ticket|number|request|password|id).*"), m + " label " + label);
            }
            assertFalse(m.labels().contains("le"), "le is reserved for histogram buckets");
        }
    }

    @Test
    void theLookupByNameFindsEveryMetricAndTheSampleNamesOfHistogramsAreTheirSeries() {
        for (Metric m : Metric.values()) {
            assertEquals(m, Metric.byName(m.prometheusName()).orElseThrow());
        }
        assertEquals(List.of("onedesk_ticket_wait_seconds_bucket", "onedesk_ticket_wait_seconds_count",
                "onedesk_ticket_wait_seconds_sum"), Metric.TICKET_WAIT.sampleNames());
        assertEquals(List.of("onedesk_waiting_tickets"), Metric.WAITING_TICKETS.sampleNames());
    }

    @Test
    void thePaperStatesAreTheThreeLevelsKiosksReport() {
        assertEquals(List.of("OK", "LOW", "OUT"), Metric.PAPER_STATES);
        Set<String> causes = Arrays.stream(OfflineCause.values()).map(OfflineCause::label).collect(Collectors.toSet());
        assertEquals(Set.of("last_will", "disconnected"), causes);
    }
}
