package vn.onedesk.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority made inside the test, and what it signs: a server certificate for localhost and 127.0.0.1,
 * and client certificates for devices. Made with the {@code openssl} command line, with the commands the README gives
 * a centre (so those commands are tested too); the test fails, never skips, if openssl is missing.
 */
public final class TestCertificates {
    private final Path dir;
    private final String name;

    /** A new CA (RSA 2048, like most centres' own CAs) in {@code dir}, named {@code name}. */
    public static TestCertificates newAuthority(Path dir, String name) {
        TestCertificates ca = new TestCertificates(dir, name);
        ca.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca.caKey().toString(),
                "-out", ca.caCert().toString(), "-days", "3650", "-subj", "/O=OneDesk test/CN=" + name,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return ca;
    }

    private TestCertificates(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    public Path caCert() {
        return dir.resolve(name + "-ca.pem");
    }

    private Path caKey() {
        return dir.resolve(name + "-ca.key");
    }

    /** A key and certificate pair signed by this CA. */
    public record Issued(Path cert, Path key) {
        public X509Certificate certificate() {
            return TestCertificates.read(cert).get(0);
        }
    }

    /** A server certificate (RSA) for localhost and 127.0.0.1, as {@code <file>.pem} and {@code <file>.key}. */
    public Issued server(String file) {
        return issue(file, "rsa:2048", "/O=OneDesk test/CN=localhost",
                "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    }

    /** A server certificate with an EC P-256 key. */
    public Issued ecServer(String file) {
        return issue(file, "ec", "/O=OneDesk test/CN=localhost",
                "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    }

    /** A client certificate for a device, its id as the common name. */
    public Issued client(String deviceId) {
        return issue(name + "-client-" + deviceId, "ec", "/O=OneDesk test/CN=" + deviceId, "extendedKeyUsage=clientAuth\n");
    }

    private Issued issue(String file, String keyType, String subject, String extensions) {
        Path key = dir.resolve(file + ".key");
        Path csr = dir.resolve(file + ".csr");
        Path cert = dir.resolve(file + ".pem");
        Path ext = dir.resolve(file + ".ext");
        try {
            Files.writeString(ext, extensions);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> req = new ArrayList<>(List.of("req", "-new", "-newkey", keyType));
        if (keyType.equals("ec")) {
            req.addAll(List.of("-pkeyopt", "ec_paramgen_curve:P-256"));
        }
        req.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", csr.toString(), "-subj", subject));
        openssl(req.toArray(String[]::new));
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert().toString(), "-CAkey", caKey().toString(),
                "-set_serial", String.valueOf(System.nanoTime()), "-days", "30", "-extfile", ext.toString(),
                "-out", cert.toString());
        return new Issued(cert, key);
    }

    /** A client TLS context trusting this CA only, presenting {@code client} when given. */
    public SSLContext clientContext(Issued client) {
        return context(caCert(), client);
    }

    /** A client TLS context trusting the CA in {@code trustedCa} only, presenting {@code client} when given. */
    public static SSLContext context(Path trustedCa, Issued client) {
        Path dir = trustedCa.toAbsolutePath().getParent();
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", read(trustedCa).get(0));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                Path p12 = dir.resolve(client.cert().getFileName() + ".p12");
                openssl("pkcs12", "-export", "-in", client.cert().toString(), "-inkey", client.key().toString(),
                        "-passout", "pass:test", "-out", p12.toString());
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(p12)) {
                    keys.load(in, "test".toCharArray());
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, "test".toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<X509Certificate> read(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> certs = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in).forEach(c -> certs.add((X509Certificate) c));
            return certs;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs openssl with these arguments; its output, or a failed test saying what it said. */
    public static String openssl(String... args) {
        return run(0, args);
    }

    /** Runs openssl; returns its output (stdout and stderr) and exit code, whatever they are. */
    public static Result opensslMayFail(String input, String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("openssl did not finish: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("these tests need the openssl command (apt-get install openssl): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public record Result(int exit, String output) {
    }

    private static String run(int expected, String... args) {
        Result r = opensslMayFail("", args);
        if (r.exit() != expected) {
            throw new AssertionError("openssl " + String.join(" ", args) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }
}
