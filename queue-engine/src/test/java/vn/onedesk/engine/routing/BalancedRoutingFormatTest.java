package vn.onedesk.engine.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BalancedRoutingFormatTest {
    @Test
    void urgenciesInReasonsAreWrittenWithAtMostTwoDecimalsAndNoTrailingZeros() {
        assertEquals("1.55", BalancedRouting.fmt(1.5499999));
        assertEquals("0.4", BalancedRouting.fmt(0.4));
        assertEquals("0.05", BalancedRouting.fmt(0.05));
        assertEquals("1.5", BalancedRouting.fmt(1.5));
        assertEquals("2", BalancedRouting.fmt(2.0));
        assertEquals("0", BalancedRouting.fmt(0.001));
        assertEquals("12.34", BalancedRouting.fmt(12.3449));
    }
}
