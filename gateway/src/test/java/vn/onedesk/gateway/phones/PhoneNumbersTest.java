package vn.onedesk.gateway.phones;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One number however it is typed; bookings take any Vietnamese number, remote tickets a mobile one. */
class PhoneNumbersTest {
    @Test
    void oneMobileNumberTypedFiveWaysIsOneNumber() {
        for (String typed : new String[] {"0912 345 678", "091-234-5678", "091.234.5678", "+84912345678",
            "84912345678"}) {
            assertEquals(Optional.of("0912345678"), PhoneNumbers.mobile(typed), typed);
            assertEquals(Optional.of("0912345678"), PhoneNumbers.normalised(typed), typed);
        }
    }

    @Test
    void aLandlineIsANumberForABookingButNotForARemoteTicket() {
        assertEquals(Optional.of("02438253536"), PhoneNumbers.normalised("024 3825 3536"));
        assertEquals(Optional.of("02438253536"), PhoneNumbers.normalised("+84 24 3825 3536"));
        assertEquals(Optional.empty(), PhoneNumbers.mobile("024 3825 3536"));
    }

    @Test
    void whatIsNoVietnamesePhoneNumberIsNone() {
        for (String typed : new String[] {null, "", "12345", "0012345678", "+1 415 555 0100", "09123456789012345",
            "0912abc678", "9".repeat(40)}) {
            assertEquals(Optional.empty(), PhoneNumbers.normalised(typed), String.valueOf(typed));
            assertEquals(Optional.empty(), PhoneNumbers.mobile(typed), String.valueOf(typed));
        }
    }
}
