package vn.onedesk.gateway.tls;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import vn.onedesk.gateway.config.TlsMaterial;
import vn.onedesk.gateway.config.TlsSettings;
import vn.onedesk.gateway.devices.DeviceRole;

/**
 * The gateway's TLS: the options every TLS listener gets (TLS 1.2 and 1.3, AEAD suites with forward secrecy only),
 * and the certificate, key and client CA they present and check, reloaded when their files change.
 *
 * <p>Reload without a restart: the listeners are given key and trust managers of ours that read the current
 * {@link TlsMaterial} at each handshake, so swapping it changes what every listener (MQTT over TLS, HTTPS/WSS)
 * presents from the next handshake on, and open connections keep theirs. This needs no per-server
 * {@code updateSSLOptions}, which vertx-mqtt 5.0.8's MqttServer does not offer (its NetServer is private).
 * The files are polled (their modification time and size) on a timer; reading and checking them runs on a worker,
 * never on an event loop. A bad new file keeps the old material and logs an error naming the file.
 */
public final class ServerTls {
    private static final Logger LOG = Logger.getLogger(ServerTls.class.getName());
    /** TLS 1.0 and 1.1 are broken (BEAST, SHA-1 handshakes); RFC 8996 retires them. */
    public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
    /**
     * AEAD ciphers only (GCM, ChaCha20-Poly1305), and for TLS 1.2 only with ECDHE (forward secrecy): no CBC, no RSA
     * key exchange. TLS 1.3's suites are all AEAD. In the JDK's names, as its SSLEngine takes them.
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    /** A certificate this close to its end is renewed late: the log says so at start and at each reload. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(14);
    /** How often the files are looked at; a certificate renewed on disk is served within this time. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    private final TlsSettings settings;
    private final Clock clock;
    private volatile Loaded current;
    private volatile List<FileStamp> stamps;
    private final AtomicBoolean checking = new AtomicBoolean();
    private long timer = -1;

    /** One generation of material with the managers built from it. */
    private record Loaded(long generation, TlsMaterial material, X509ExtendedKeyManager keys,
                          Optional<X509ExtendedTrustManager> clientCas, Loaded previous) {
        /** This generation or the one before it (a handshake that began just before a reload). */
        Loaded find(long wanted) {
            return generation == wanted ? this : previous != null && previous.generation == wanted ? previous : null;
        }
    }

    private record FileStamp(Path file, long modified, long size) {
        static FileStamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                java.time.Instant modified = a.lastModifiedTime().toInstant();
                return new FileStamp(file, modified.getEpochSecond() * 1_000_000_000L + modified.getNano(), a.size());
            } catch (IOException e) {
                return new FileStamp(file, -1, -1);
            }
        }
    }

    private ServerTls(TlsSettings settings, Clock clock, TlsMaterial material) {
        this.settings = settings;
        this.clock = clock;
        this.stamps = stamps(settings);
        this.current = build(1, material, null);
        warnIfExpiringSoon();
    }

    private void warnIfExpiringSoon() {
        java.time.Instant end = certificate().getNotAfter().toInstant();
        if (end.isBefore(clock.instant().plus(EXPIRY_WARNING))) {
            LOG.warning("the TLS certificate in " + settings.cert().orElseThrow() + " ends on " + end
                    + ": renew it (the new files are served without a restart)");
        }
    }

    /**
     * Reads and checks the files (blocking: call it off the event loop). {@link vn.onedesk.gateway.config.ConfigLoader}
     * has checked them already; they may have changed since, and then this says how.
     */
    public static ServerTls load(TlsSettings settings, Clock clock) {
        TlsMaterial.Result read = TlsMaterial.read(settings, clock.instant());
        return new ServerTls(settings, clock, read.ok().orElseThrow(() -> new IllegalStateException(
                String.join("; ", read.problems()))));
    }

    public TlsSettings settings() {
        return settings;
    }

    /** The certificate served now. */
    public X509Certificate certificate() {
        return current.material.certificate();
    }

    /** A TLS listener's options: these protocols and suites, the live key manager, and client CA if asked. */
    public void secure(NetServerOptions options, boolean requestClientCertificates) {
        options.setSsl(true)
                .setKeyCertOptions(KeyCertOptions.wrap(new LiveKeyManager()))
                .setEnabledSecureTransportProtocols(PROTOCOLS)
                .setSslHandshakeTimeout(10)
                .setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
        CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        if (requestClientCertificates && settings.clientCa().isPresent()) {
            // REQUEST, not REQUIRED: devices of roles that need no certificate connect without one; the listener
            // refuses a CONNECT of a role that needs one and has none (see hasClientCertificate).
            options.setClientAuth(ClientAuth.REQUEST).setTrustOptions(TrustOptions.wrap(new LiveClientCas()));
        }
    }

    /**
     * A client that trusts exactly the certificate this gateway serves now (or served just before a reload), for
     * the WebSocket bridge dialling the gateway's own TLS listener: no CA, no host name to match, since the
     * certificate itself is the pin.
     */
    public void trustOwnCertificate(NetClientOptions options) {
        options.setSsl(true)
                .setHostnameVerificationAlgorithm("")
                .setEnabledSecureTransportProtocols(PROTOCOLS)
                .setTrustOptions(TrustOptions.wrap(new OwnCertificateTrust()));
        CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
    }

    /** Whether a device of this role must present a client certificate. */
    public boolean requiresClientCertificate(DeviceRole role) {
        return settings.requiresClientCertificate(role);
    }

    /**
     * Whether a connection's TLS session holds a client certificate the handshake verified against the client CA
     * (the trust manager of the generation then in force refused anything else, so a present chain is a checked one).
     */
    public static boolean hasClientCertificate(SSLSession session) {
        if (session == null) {
            return false;
        }
        try {
            return session.getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    /** Starts polling the files; a change is read on a worker and takes effect at the next handshake. */
    public void watch(Vertx vertx) {
        timer = vertx.setPeriodic(POLL_INTERVAL.toMillis(), id -> {
            if (!checking.compareAndSet(false, true)) {
                return;
            }
            vertx.executeBlocking(() -> {
                checkFiles();
                return null;
            }, false).onComplete(done -> checking.set(false));
        });
    }

    public void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Reads the files again if any changed; blocking. Returns whether new material is in force. */
    boolean checkFiles() {
        List<FileStamp> now = stamps(settings);
        if (now.equals(stamps)) {
            return false;
        }
        stamps = now;
        TlsMaterial.Result read = TlsMaterial.read(settings, clock.instant());
        if (read.ok().isEmpty()) {
            LOG.severe("TLS files changed but cannot be used, so the gateway keeps serving the certificate it had ("
                    + describe(certificate()) + "):\n  - " + String.join("\n  - ", read.problems()));
            return false;
        }
        Loaded before = current;
        current = build(before.generation + 1, read.material(), before);
        LOG.info("TLS certificate reloaded from " + settings.cert().orElseThrow() + ": " + describe(certificate())
                + "; new connections get it, open ones keep theirs");
        warnIfExpiringSoon();
        return true;
    }

    /** The certificate served now, and where it comes from, for the startup log. */
    public String describe() {
        return settings.cert().orElseThrow() + ": " + describe(certificate());
    }

    private static String describe(X509Certificate c) {
        return c.getSubjectX500Principal().getName() + ", valid until " + c.getNotAfter().toInstant();
    }

    private static List<FileStamp> stamps(TlsSettings settings) {
        List<FileStamp> list = new ArrayList<>();
        settings.cert().map(FileStamp::of).ifPresent(list::add);
        settings.key().map(FileStamp::of).ifPresent(list::add);
        settings.clientCa().map(FileStamp::of).ifPresent(list::add);
        return List.copyOf(list);
    }

    private static Loaded build(long generation, TlsMaterial material, Loaded previous) {
        try {
            char[] password = "onedesk".toCharArray(); // an in-memory store that never leaves this object
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", material.key(), password,
                    material.chain().toArray(new java.security.cert.Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("NewSunX509");
            kmf.init(keys, password);
            X509ExtendedKeyManager km = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
            Optional<X509ExtendedTrustManager> cas = Optional.empty();
            if (!material.clientCas().isEmpty()) {
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                int i = 0;
                for (X509Certificate ca : material.clientCas()) {
                    trusted.setCertificateEntry("ca-" + i++, ca);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trusted);
                cas = Optional.of((X509ExtendedTrustManager) tmf.getTrustManagers()[0]);
            }
            // Only one generation back is kept, so the chain of generations never grows.
            Loaded trimmed = previous == null ? null
                    : new Loaded(previous.generation, previous.material, previous.keys, previous.clientCas, null);
            return new Loaded(generation, material, km, cas, trimmed);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the TLS key store: " + e.getMessage(), e);
        }
    }

    /**
     * What the listeners hold: each alias it hands out carries the generation it came from, so that the chain and
     * key asked for later in the same handshake come from that generation even if a reload happened in between.
     */
    private final class LiveKeyManager extends X509ExtendedKeyManager {
        private String tagged(Loaded loaded, String alias) {
            return alias == null ? null : loaded.generation + ":" + alias;
        }

        private Loaded generation(String alias) {
            int colon = alias == null ? -1 : alias.indexOf(':');
            if (colon < 0) {
                return null;
            }
            try {
                return current.find(Long.parseLong(alias.substring(0, colon)));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static String inner(String alias) {
            return alias.substring(alias.indexOf(':') + 1);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            Loaded loaded = current;
            return tagged(loaded, loaded.keys.chooseEngineServerAlias(keyType, issuers, engine));
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            Loaded loaded = current;
            return tagged(loaded, loaded.keys.chooseServerAlias(keyType, issuers, socket));
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            Loaded loaded = current;
            String[] aliases = loaded.keys.getServerAliases(keyType, issuers);
            return aliases == null ? null : java.util.Arrays.stream(aliases).map(a -> tagged(loaded, a))
                    .toArray(String[]::new);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            Loaded loaded = generation(alias);
            return loaded == null ? null : loaded.keys.getCertificateChain(inner(alias));
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            Loaded loaded = generation(alias);
            return loaded == null ? null : loaded.keys.getPrivateKey(inner(alias));
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /** The client CA in force now. */
    private final class LiveClientCas extends X509ExtendedTrustManager {
        private X509ExtendedTrustManager cas() throws CertificateException {
            return current.clientCas.orElseThrow(() -> new CertificateException("no client CA is configured"));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            cas().checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            cas().checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            cas().checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a server's trust manager checks no server");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a server's trust manager checks no server");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a server's trust manager checks no server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return current.clientCas.map(X509ExtendedTrustManager::getAcceptedIssuers)
                    .orElse(new X509Certificate[0]);
        }
    }

    /** The bridge's trust: the server's certificate must be the one this gateway serves (now or just before). */
    private final class OwnCertificateTrust extends X509ExtendedTrustManager {
        private void check(X509Certificate[] chain) throws CertificateException {
            Loaded loaded = current;
            boolean ours = chain != null && chain.length > 0 && (chain[0].equals(loaded.material.certificate())
                    || loaded.previous != null && chain[0].equals(loaded.previous.material.certificate()));
            if (!ours) {
                throw new CertificateException("not this gateway's own certificate");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the bridge checks no client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the bridge checks no client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the bridge checks no client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Override
    public String toString() {
        return "ServerTls[" + describe(certificate()) + "]";
    }
}
