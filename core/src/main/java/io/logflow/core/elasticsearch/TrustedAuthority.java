package io.logflow.core.elasticsearch;

import io.logflow.core.config.ConfigException;
import io.logflow.core.tls.Pem;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS that trusts the certificate authorities of one PEM file, such as Elasticsearch's own {@code http_ca.crt}. */
final class TrustedAuthority {

    private TrustedAuthority() {}

    static SSLContext sslContext(String caFile) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(Pem.trustStore("elasticsearch.ca_file", caFile));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot read elasticsearch.ca_file " + caFile + ": " + e.getMessage());
        }
    }
}
