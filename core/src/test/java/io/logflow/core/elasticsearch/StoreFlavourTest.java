package io.logflow.core.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logflow.core.json.Json;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreFlavourTest {

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    @Test
    void openSearchSaysSoOnItsRootAndTakesNoRequireDataStream() throws IOException {
        StoreFlavour flavour = StoreFlavour.of(json("""
                {"name":"vm","version":{"distribution":"opensearch","number":"2.19.6"}}"""), null);

        assertThat(flavour).isEqualTo(new StoreFlavour(StoreFlavour.Product.OPENSEARCH, "2.19.6"));
        assertThat(flavour.major()).isEqualTo(2);
        assertThat(flavour.tested()).isTrue();
        assertThat(flavour.dataStreamBulkParameters()).isEmpty();
        assertThat(flavour).hasToString("OpenSearch 2.19.6");
    }

    @Test
    void elasticsearchsTestDistributionHasNoRootAndIsKnownByItsNode() throws IOException {
        StoreFlavour flavour = StoreFlavour.of(null, json("""
                {"nodes":{"Q9zenLcsTAGyK_FKHYUcpA":{"version":"8.19.21"}}}"""));

        assertThat(flavour).isEqualTo(new StoreFlavour(StoreFlavour.Product.ELASTICSEARCH, "8.19.21"));
        assertThat(flavour.tested()).isTrue();
        assertThat(flavour.dataStreamBulkParameters()).isEqualTo(Map.of("require_data_stream", "true"));
    }

    @Test
    void aFullElasticsearchAnswersItsRootWithoutADistribution() throws IOException {
        StoreFlavour flavour = StoreFlavour.of(json("""
                {"name":"n","version":{"number":"9.2.8","build_flavor":"default"},"tagline":"You Know, for Search"}"""),
                null);

        assertThat(flavour).isEqualTo(new StoreFlavour(StoreFlavour.Product.ELASTICSEARCH, "9.2.8"));
    }

    @Test
    void storesOutsideTheMatrixAreNotTested() {
        assertThat(new StoreFlavour(StoreFlavour.Product.ELASTICSEARCH, "7.17.0").tested()).isFalse();
        assertThat(new StoreFlavour(StoreFlavour.Product.OPENSEARCH, "1.3.0").tested()).isFalse();
        assertThat(new StoreFlavour(StoreFlavour.Product.ELASTICSEARCH, "unknown").major()).isZero();
    }
}
