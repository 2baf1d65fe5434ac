package vn.onedesk.gateway.config;

import java.util.List;
import java.util.Map;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's side of remote tickets (README "Remote tickets"); the centre's side (how many per phone, the grace,
 * the "turn is near" threshold) is in its counter rules.
 *
 * @param phoneKey        the key of the phone numbers' keyed hash
 * @param perAddressPerHour how many remote tickets one address may ask for in an hour, on this node (retries with
 *                        the same requestId included): 1 to 1000, default 20
 */
public record RemoteTicketSettings(PhoneKey phoneKey, int perAddressPerHour) {
    public static final String ENV_PHONE_HASH_KEY = "ONEDESK_PHONE_HASH_KEY";
    public static final String ENV_PER_ADDRESS = "ONEDESK_REMOTE_TICKETS_PER_ADDRESS";
    public static final int DEFAULT_PER_ADDRESS = 20;
    public static final int MAX_PER_ADDRESS = 1000;

    /** The same with this key (the one the gateway keeps when none is configured). */
    public RemoteTicketSettings withPhoneKey(PhoneKey key) {
        return new RemoteTicketSettings(key, perAddressPerHour);
    }

    /** With a random key for this process and the default rate: tests, and a configuration that sets neither. */
    public static RemoteTicketSettings defaults() {
        return new RemoteTicketSettings(PhoneKey.random(), DEFAULT_PER_ADDRESS);
    }

    /** From the environment or the file's {@code gateway} section; problems are added, never thrown. */
    static RemoteTicketSettings read(Map<String, String> env, JsonObject gateway, List<String> problems) {
        String key = env.getOrDefault(ENV_PHONE_HASH_KEY, gateway.getString("phoneHashKey"));
        PhoneKey phoneKey = PhoneKey.random();
        if (key != null && !key.isBlank()) {
            String problem = PhoneKey.problem(key);
            if (problem != null) {
                problems.add(ENV_PHONE_HASH_KEY + " (or gateway.phoneHashKey): " + problem);
            } else {
                phoneKey = PhoneKey.of(key);
            }
        }
        Object rate = env.containsKey(ENV_PER_ADDRESS) ? env.get(ENV_PER_ADDRESS)
                : gateway.getValue("remoteTicketsPerAddress", DEFAULT_PER_ADDRESS);
        int perAddress = DEFAULT_PER_ADDRESS;
        try {
            perAddress = Integer.parseInt(String.valueOf(rate).trim());
            if (perAddress < 1 || perAddress > MAX_PER_ADDRESS) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            problems.add(ENV_PER_ADDRESS + " (or gateway.remoteTicketsPerAddress): must be a whole number from 1 to "
                    + MAX_PER_ADDRESS + ", not '" + rate + "'");
        }
        return new RemoteTicketSettings(phoneKey, perAddress);
    }
}
