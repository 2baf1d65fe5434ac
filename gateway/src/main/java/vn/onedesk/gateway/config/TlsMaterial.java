package vn.onedesk.gateway.config;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.impl.KeyStoreHelper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The certificate, key and client CA that {@link TlsSettings} name, read from their PEM files and checked: readable,
 * a certificate that is valid now, a key that belongs to it. Blocking (file reads): at start, before Vert.x runs
 * anything, and on a worker when the files change.
 *
 * @param key       the server's private key
 * @param chain     the server's certificate first, then what the file holds after it (intermediates)
 * @param clientCas the certificates client certificates must chain to; empty without a client CA
 */
public record TlsMaterial(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientCas) {
    public TlsMaterial {
        chain = List.copyOf(chain);
        clientCas = List.copyOf(clientCas);
    }

    /** What the files hold now, or the problems, each naming its file and what to do. */
    public static Result read(TlsSettings settings, Instant now) {
        List<String> problems = new ArrayList<>();
        Path certFile = settings.cert().orElseThrow();
        Path keyFile = settings.key().orElseThrow();
        byte[] certPem = bytes(certFile, "ONEDESK_TLS_CERT (or gateway.tls.cert)", problems);
        byte[] keyPem = bytes(keyFile, "ONEDESK_TLS_KEY (or gateway.tls.key)", problems);
        List<X509Certificate> chain = certPem == null ? List.of()
                : certificates(certPem, certFile, "ONEDESK_TLS_CERT (or gateway.tls.cert)", problems);
        PrivateKey key = null;
        if (keyPem != null && !chain.isEmpty()) {
            key = privateKey(keyPem, certPem, keyFile, certFile, problems);
        }
        if (!chain.isEmpty()) {
            X509Certificate leaf = chain.get(0);
            String validity = validity(leaf, now);
            if (validity != null) {
                problems.add("ONEDESK_TLS_CERT (or gateway.tls.cert): the certificate in " + certFile + " ("
                        + leaf.getSubjectX500Principal().getName() + ") " + validity);
            }
            if (key != null && !belongTogether(key, leaf.getPublicKey())) {
                problems.add("ONEDESK_TLS_KEY (or gateway.tls.key): the key in " + keyFile + " does not match the"
                        + " certificate in " + certFile + " (" + leaf.getSubjectX500Principal().getName()
                        + "): give the key the certificate was issued for");
            }
        }
        List<X509Certificate> cas = List.of();
        if (settings.clientCa().isPresent()) {
            Path caFile = settings.clientCa().get();
            byte[] caPem = bytes(caFile, "ONEDESK_TLS_CLIENT_CA (or gateway.tls.clientCa)", problems);
            if (caPem != null) {
                cas = certificates(caPem, caFile, "ONEDESK_TLS_CLIENT_CA (or gateway.tls.clientCa)", problems);
                for (X509Certificate ca : cas) {
                    String validity = validity(ca, now);
                    if (validity != null) {
                        problems.add("ONEDESK_TLS_CLIENT_CA (or gateway.tls.clientCa): the CA certificate in "
                                + caFile + " (" + ca.getSubjectX500Principal().getName() + ") " + validity);
                    }
                }
            }
        }
        if (!problems.isEmpty() || key == null || chain.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(new TlsMaterial(key, chain, cas), List.of());
    }

    /** The material, or (with no material) why not. */
    public record Result(TlsMaterial material, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public Optional<TlsMaterial> ok() {
            return Optional.ofNullable(material);
        }
    }

    /** The server's own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    private static byte[] bytes(Path file, String setting, List<String> problems) {
        try {
            if (Files.isDirectory(file)) {
                problems.add(setting + ": " + file + " is a folder; give the path of a PEM file");
                return null;
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            problems.add(setting + ": " + file + " does not exist");
        } catch (IOException | SecurityException e) {
            problems.add(setting + ": " + file + " cannot be read (" + e.getMessage() + "); the gateway's user needs"
                    + " read access to it");
        }
        return null;
    }

    private static List<X509Certificate> certificates(byte[] pem, Path file, String setting, List<String> problems) {
        try {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem))) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                problems.add(setting + ": " + file + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
            }
            return certs;
        } catch (CertificateException | RuntimeException e) {
            problems.add(setting + ": " + file + " is not a PEM certificate (-----BEGIN CERTIFICATE-----): "
                    + e.getMessage());
            return List.of();
        }
    }

    /** Through Vert.x's own PEM reader, which takes PKCS#8, PKCS#1 (RSA) and SEC1 (EC) keys, as its servers do. */
    private static PrivateKey privateKey(byte[] pem, byte[] certPem, Path file, Path certFile, List<String> problems) {
        String setting = "ONEDESK_TLS_KEY (or gateway.tls.key)";
        try {
            PemKeyCertOptions options = new PemKeyCertOptions().setKeyValue(Buffer.buffer(pem))
                    .setCertValue(Buffer.buffer(certPem));
            KeyStore store = options.loadKeyStore(null);
            for (String alias : Collections.list(store.aliases())) {
                if (store.getKey(alias, KeyStoreHelper.DUMMY_PASSWORD.toCharArray()) instanceof PrivateKey key) {
                    return key;
                }
            }
            problems.add(setting + ": " + file + " holds no private key");
        } catch (IllegalArgumentException e) {
            // the key store's own check: an RSA key for an EC certificate, say
            problems.add(setting + ": the key in " + file + " does not match the certificate in " + certFile
                    + " (" + e.getMessage() + "): give the key the certificate was issued for");
        } catch (Exception e) {
            problems.add(setting + ": " + file + " is not an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----,"
                    + " -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----): " + e.getMessage());
        }
        return null;
    }

    /** Null when valid now, else what is wrong with its dates. */
    private static String validity(X509Certificate cert, Instant now) {
        Date at = Date.from(now);
        if (at.after(cert.getNotAfter())) {
            return "expired on " + cert.getNotAfter().toInstant() + ": renew it";
        }
        if (at.before(cert.getNotBefore())) {
            return "is not valid before " + cert.getNotBefore().toInstant() + " (check the clock)";
        }
        return null;
    }

    /** The key signs what the certificate's public key verifies. */
    private static boolean belongTogether(PrivateKey key, PublicKey certified) {
        if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            return true; // an algorithm we cannot try: the TLS handshake will tell
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }
}
