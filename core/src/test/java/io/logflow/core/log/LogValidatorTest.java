package io.logflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogValidatorTest {

    private final LogValidator validator = new LogValidator(65_536);

    private List<ValidationError> validate(String body) {
        return validator.validate(body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fields(List<ValidationError> errors) {
        return errors.stream().map(ValidationError::field).toList();
    }

    @Test
    void acceptsAMinimalLog() {
        assertThat(validate("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"info\",\"message\":\"hi\"}")).isEmpty();
    }

    @Test
    void acceptsServiceAndStringMetadata() {
        assertThat(validate("""
                {"timestamp":"2024-01-15T10:30:00.123Z","level":"ERROR","message":"m",
                 "service":"payment-processor_2","metadata":{"user":"42","region":"eu"}}""")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void emptyBodyIsAnErrorOnBody(String body) {
        assertThat(validate(body)).containsExactly(new ValidationError("body", "request body is empty"));
    }

    @Test
    void bodyOverTheLimitIsAnErrorOnBody() {
        byte[] body = new byte[65_537];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        assertThat(fields(validator.validate(body))).containsExactly("body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"level\":", "{\"a\":1} trailing", "{\"level\":\"INFO\",\"level\":\"ERROR\"}"})
    void notJsonIsAnErrorOnJson(String body) {
        assertThat(fields(validate(body))).containsExactly("json");
    }

    @Test
    void aByteOrderMarkOrUtf16IsAnErrorOnBody() {
        byte[] json = "{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        assertThat(fields(validator.validate(withBom))).containsExactly("body");
        assertThat(fields(validator.validate("{\"level\":\"INFO\"}".getBytes(StandardCharsets.UTF_16BE))))
                .containsExactly("body");
        assertThat(fields(validator.validate("{\"level\":\"INFO\"}".getBytes(StandardCharsets.UTF_16LE))))
                .containsExactly("body");
    }

    @Test
    void validUtf8BeyondAsciiIsAccepted() {
        assertThat(validate("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"café ✓ 😀 日本\"}"))
                .isEmpty();
    }

    @Test
    void invalidUtf8IsAnErrorOnBody() {
        byte[] body = "{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"xx\"}"
                .getBytes(StandardCharsets.UTF_8);
        body[body.length - 3] = (byte) 0xFF;
        assertThat(validator.validate(body)).containsExactly(new ValidationError("body", "request body is not valid UTF-8"));
        body[body.length - 4] = (byte) 0xC0; // an overlong '/', which Jackson would let through
        body[body.length - 3] = (byte) 0xAF;
        assertThat(fields(validator.validate(body))).containsExactly("body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "42", "\"text\"", "null"})
    void aJsonValueThatIsNotAnObjectIsAnErrorOnJson(String body) {
        assertThat(fields(validate(body))).containsExactly("json");
    }

    @Test
    void missingRequiredFieldsAreReportedTogether() {
        assertThat(validate("{}")).extracting(ValidationError::field, ValidationError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("timestamp", "timestamp is required"),
                org.assertj.core.groups.Tuple.tuple("level", "level is required"),
                org.assertj.core.groups.Tuple.tuple("message", "message is required"));
    }

    @Test
    void theRequiredFieldsItAdvertisesAreTheOnesItRequires() {
        assertThat(fields(validate("{}"))).isEqualTo(LogValidator.REQUIRED_FIELDS);
    }

    @Test
    void everyContentErrorIsReportedTogether() {
        List<ValidationError> errors = validate("""
                {"timestamp":"yesterday","level":"LOUD","message":"","service":"bad service!","metadata":{"n":1}}""");
        assertThat(fields(errors)).containsExactly("timestamp", "level", "message", "service", "metadata.n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15T10:30:00Z", "2024-01-15T10:30:00", "2024-01-15T10:30:00.123",
            "2024-01-15T10:30:00.123Z", "2024-01-15T10:30:00+02:00", "2024-01-15T10:30:00.123456789-05:30",
            "2024-02-31T12:00:00Z"})
    void acceptsTheTimestampForms(String timestamp) {
        assertThat(validate("{\"timestamp\":\"" + timestamp + "\",\"level\":\"INFO\",\"message\":\"m\"}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15", "10:30:00", "2024/01/15 10:30:00", "1705314600", "2024-01-15T10:30Z", ""})
    void rejectsOtherTimestamps(String timestamp) {
        assertThat(fields(validate("{\"timestamp\":\"" + timestamp + "\",\"level\":\"INFO\",\"message\":\"m\"}")))
                .containsExactly("timestamp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEBUG", "info", "Warn", "WARNING", "error", "FATAL", "panic"})
    void acceptsTheSevenLevelsInAnyCase(String level) {
        assertThat(validate("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"" + level + "\",\"message\":\"m\"}"))
                .isEmpty();
    }

    @Test
    void rejectsAnUnknownLevel() {
        assertThat(fields(validate("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"TRACE\",\"message\":\"m\"}")))
                .containsExactly("level");
    }

    @Test
    void messageMayHaveTenThousandCharactersButNotMore() {
        String ok = "x".repeat(10_000);
        assertThat(validate("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"" + ok + "\"}"))
                .isEmpty();
        assertThat(fields(validate("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"" + ok
                + "y\"}"))).containsExactly("message");
    }

    @Test
    void messageLengthCountsCharactersNotBytes() {
        String emoji = "\uD83D\uDE00".repeat(10_000);
        assertThat(validate("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"" + emoji + "\"}"))
                .isEmpty();
    }

    @Test
    void wrongTypesAreNamed() {
        List<ValidationError> errors = validate(
                "{\"timestamp\":1705314600,\"level\":[\"INFO\"],\"message\":{\"text\":\"m\"},\"service\":7,\"metadata\":\"x\"}");
        assertThat(errors).extracting(ValidationError::message).containsExactly(
                "timestamp must be a string, not a number",
                "level must be a string, not an array",
                "message must be a string, not an object",
                "service must be a string, not a number",
                "metadata must be an object of strings, not a string");
    }

    @Test
    void nullOptionalFieldsCountAsAbsent() {
        assertThat(validate("{\"timestamp\":\"2024-01-15T10:30:00Z\",\"level\":\"INFO\",\"message\":\"m\","
                + "\"service\":null,\"metadata\":null}")).isEmpty();
    }

    @Test
    void nullRequiredFieldsAreMissing() {
        assertThat(fields(validate("{\"timestamp\":null,\"level\":\"INFO\",\"message\":\"m\"}")))
                .containsExactly("timestamp");
    }
}
