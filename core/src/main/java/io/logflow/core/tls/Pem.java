package io.logflow.core.tls;

import io.logflow.core.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/** Key stores made in memory from PEM files, the form certificates come in from openssl, cert-manager or Let's Encrypt. */
public final class Pem {

    /** The in-memory key store's password: it protects nothing, the store never leaves the process. */
    public static final char[] STORE_PASSWORD = "logflow".toCharArray();

    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";

    private Pem() {}

    /** Every certificate of a PEM file, as trusted authorities; {@code option} names the file in errors. */
    public static KeyStore trustStore(String option, String file) {
        try {
            KeyStore trusted = emptyStore();
            int n = 0;
            for (Certificate certificate : certificates(option, file)) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            return trusted;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("cannot read " + option + " " + file + ": " + e.getMessage());
        }
    }

    /** A certificate chain (leaf first) and its unencrypted PKCS#8 private key, under the alias {@code alias}. */
    public static KeyStore keyStore(String alias, String certFile, String keyFile) {
        try {
            List<Certificate> chain = List.copyOf(certificates("tls.cert_file", certFile));
            KeyStore store = emptyStore();
            store.setKeyEntry(alias, privateKey(keyFile), STORE_PASSWORD, chain.toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("cannot use tls.cert_file " + certFile + " with tls.key_file " + keyFile
                    + ": " + e.getMessage());
        }
    }

    private static Collection<? extends Certificate> certificates(String option, String file)
            throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(Path.of(file))));
        if (certificates.isEmpty()) {
            throw new ConfigException(option + " " + file + " holds no PEM certificate");
        }
        return certificates;
    }

    private static PrivateKey privateKey(String keyFile) throws IOException, GeneralSecurityException {
        String pem = Files.readString(Path.of(keyFile), StandardCharsets.US_ASCII);
        int begin = pem.indexOf(KEY_BEGIN);
        int end = pem.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            throw new ConfigException("tls.key_file " + keyFile + " holds no unencrypted PKCS#8 key (\"" + KEY_BEGIN
                    + "\"); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + KEY_BEGIN.length(), end));
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException notThisAlgorithm) {
                // try the next
            }
        }
        throw new ConfigException("tls.key_file " + keyFile + " holds a key of an unknown algorithm");
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
