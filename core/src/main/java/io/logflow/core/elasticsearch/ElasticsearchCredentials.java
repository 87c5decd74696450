package io.logflow.core.elasticsearch;

import io.logflow.core.config.ConfigException;
import io.logflow.core.config.LogFlowConfig;
import io.logflow.core.config.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The {@code Authorization} header LogFlow sends Elasticsearch, from the one kind of credentials configured. */
final class ElasticsearchCredentials {

    private ElasticsearchCredentials() {}

    static Optional<String> authorization(LogFlowConfig.Elasticsearch settings) {
        String password = Secret.read("elasticsearch.password", settings.password(), settings.passwordFile());
        String apiKey = Secret.read("elasticsearch.api_key", settings.apiKey(), settings.apiKeyFile());
        String bearerToken = Secret.read("elasticsearch.bearer_token", settings.bearerToken(), settings.bearerTokenFile());
        boolean basic = !settings.username().isEmpty() || !password.isEmpty();
        List<String> kinds = new ArrayList<>();
        if (basic) {
            kinds.add("username/password");
        }
        if (!apiKey.isEmpty()) {
            kinds.add("api_key");
        }
        if (!bearerToken.isEmpty()) {
            kinds.add("bearer_token");
        }
        if (kinds.size() > 1) {
            throw new ConfigException("elasticsearch has more than one kind of credentials (" + String.join(", ", kinds)
                    + "): set one");
        }
        if (basic) {
            if (settings.username().isEmpty() || password.isEmpty()) {
                throw new ConfigException("elasticsearch.username and a password are both needed for basic authentication");
            }
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    (settings.username() + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (!apiKey.isEmpty()) {
            return Optional.of("ApiKey " + apiKey);
        }
        return bearerToken.isEmpty() ? Optional.empty() : Optional.of("Bearer " + bearerToken);
    }
}
