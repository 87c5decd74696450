package io.logflow.storagewriter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BulkItemOutcomeTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "200, , STORED",
            "201, , STORED",
            "409, version_conflict_engine_exception, STORED",
            "400, document_parsing_exception, REJECTED",
            "400, mapper_parsing_exception, REJECTED",
            "400, illegal_argument_exception, REJECTED",
            "400, strict_dynamic_mapping_exception, REJECTED",
            "429, es_rejected_execution_exception, RETRY",
            "429, circuit_breaking_exception, RETRY",
            "500, , RETRY",
            "502, , RETRY",
            "503, unavailable_shards_exception, RETRY",
            "504, , RETRY",
            "403, cluster_block_exception, RETRY",
            "403, security_exception, RETRY",
            "401, security_exception, RETRY",
            "429, cluster_block_exception, RETRY"})
    void classifiesEveryItem(int status, String errorType, BulkItemOutcome expected) {
        assertThat(BulkItemOutcome.classify(status, errorType)).isEqualTo(expected);
    }
}
