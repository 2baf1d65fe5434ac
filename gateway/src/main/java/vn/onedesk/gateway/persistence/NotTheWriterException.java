package vn.onedesk.gateway.persistence;

/** This node does not hold the centre's lease (another node took it over): it must not load or write the centre. */
public final class NotTheWriterException extends RuntimeException {
    public NotTheWriterException(String centre, String reason) {
        super("centre " + centre + ": " + reason, null, false, false);
    }
}
