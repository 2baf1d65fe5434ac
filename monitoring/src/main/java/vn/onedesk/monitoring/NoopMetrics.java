package vn.onedesk.monitoring;

import java.time.Duration;
import java.util.Map;

/** Records nothing: the twin of {@link MicrometerMetrics} for code paths that run without monitoring. */
public final class NoopMetrics implements OneDeskMetrics {
    public static final NoopMetrics INSTANCE = new NoopMetrics();

    private NoopMetrics() {
    }

    @Override
    public void centre(CentreLabels labels) {
    }

    @Override
    public void ticketIssued(String centre, String service, String channel, String priority) {
    }

    @Override
    public void ticketCalled(String centre, String service, String operator, Duration waited, Duration targetWait) {
    }

    @Override
    public void ticketRecalled(String centre, String service, String operator) {
    }

    @Override
    public void ticketNoShow(String centre, String service, String operator) {
    }

    @Override
    public void ticketTransferred(String centre, String fromService, String toService) {
    }

    @Override
    public void ticketParked(String centre, String service, String operator) {
    }

    @Override
    public void parkedTicketCalled(String centre, String service, String operator) {
    }

    @Override
    public void parkedTicketExpired(String centre, String service, String operator) {
    }

    @Override
    public void ticketCalledOutOfOrder(String centre, String service, String operator) {
    }

    @Override
    public void ticketRequeued(String centre, String service, String kind) {
    }

    @Override
    public void recallLimitReached(String centre, String service, String operator) {
    }

    @Override
    public void serviceRated(String centre, String service, String operator, int score) {
    }

    @Override
    public void serviceCompleted(String centre, String service, String operator, Duration serviceTime) {
    }

    @Override
    public void waitEstimateError(String centre, String service, Duration actualMinusEstimated) {
    }

    @Override
    public void serviceQueue(String centre, String service, ServiceQueueState state) {
    }

    @Override
    public void counters(String centre, String operator, int open, int busy) {
    }

    @Override
    public void centreInSession(String centre, boolean inSession) {
    }

    @Override
    public void deviceKnown(String centre, String kind, String device) {
    }

    @Override
    public void deviceConnected(String centre, String kind, String device) {
    }

    @Override
    public void deviceOffline(String centre, String kind, String device, OfflineCause cause) {
    }

    @Override
    public void heartbeat(String centre, String kind, String device) {
    }

    @Override
    public void printer(String centre, String kind, String device, String paper, boolean jammed) {
    }

    @Override
    public void retentionPurged(String table, long rows) {
    }

    @Override
    public void retentionErased(String table, long rows) {
    }

    @Override
    public void retentionDaySummarised() {
    }

    @Override
    public void retentionRan(java.time.Instant at) {
    }

    @Override
    public void connectRefused(ConnectRefusal reason) {
    }

    @Override
    public void deviceLoginFailed(DeviceLoginFailure reason) {
    }

    @Override
    public void messageReceived(String topicKind) {
    }

    @Override
    public void messageRefused(String topicKind, String errorCode) {
    }

    @Override
    public void messageSent(String topicKind) {
    }

    @Override
    public void commitSucceeded(String centre, Duration took) {
    }

    @Override
    public void commitFailed(String centre, CommitFailure reason) {
    }

    @Override
    public void clusterSeen(int members, int ownedCentres) {
    }

    @Override
    public void ownershipChanged(boolean gained) {
    }

    @Override
    public void requestForwarded(boolean answered, long nanos) {
    }

    @Override
    public void webhookAttempt(String outcome, long nanos) {
    }

    @Override
    public void webhookBacklog(long pending, long dead, double lagSeconds) {
    }

    @Override
    public void health(Map<String, Boolean> checks) {
    }

    @Override
    public void loginFailed(LoginFailure reason) {
    }

    @Override
    public void connectionRefused(ConnectionListener listener, ConnectionRefusal reason) {
    }

    @Override
    public void connectionsOpen(ConnectionListener listener, int open) {
    }
}
