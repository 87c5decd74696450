package io.logflow.ingestor.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBearerSecretNamesNoId() {
        assertThat(Credentials.parse("Bearer s3cret")).contains(new Credentials("Bearer", null, "s3cret"));
    }

    @Test
    void apiKeyAndBasicCarryIdColonSecretInBase64() {
        assertThat(Credentials.parse("ApiKey " + base64("shipper:s3cret")))
                .contains(new Credentials("ApiKey", "shipper", "s3cret"));
        assertThat(Credentials.parse("Basic " + base64("shipper:s3:cret")))
                .contains(new Credentials("Basic", "shipper", "s3:cret"));
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertThat(Credentials.parse("bearer s3cret")).isPresent();
        assertThat(Credentials.parse("basic " + base64("a:b"))).isPresent();
    }

    @Test
    void otherFormsAreNotCredentials() {
        assertThat(Credentials.parse(null)).isEmpty();
        assertThat(Credentials.parse("s3cret")).isEmpty();
        assertThat(Credentials.parse("Bearer ")).isEmpty();
        assertThat(Credentials.parse("Digest username=x")).isEmpty();
        assertThat(Credentials.parse("Basic not-base64!")).isEmpty();
        assertThat(Credentials.parse("Basic " + base64("no-colon"))).isEmpty();
        assertThat(Credentials.parse("Basic " + base64(":secret-without-id"))).isEmpty();
        assertThat(Credentials.parse("ApiKey " + base64("id-without-secret:"))).isEmpty();
    }

    @Test
    void printedCredentialsNeverShowTheSecret() {
        assertThat(Credentials.parse("Basic " + base64("shipper:s3cret")).orElseThrow().toString())
                .contains("shipper").doesNotContain("s3cret");
        assertThat(Credentials.parse("Bearer s3cret").orElseThrow().toString()).doesNotContain("s3cret");
    }
}
