package io.logflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    @Test
    void eachStoreIsNamedAsLogflowUpTakesIt() {
        assertThat(Store.ids()).containsExactly("elasticsearch-8", "elasticsearch-9", "opensearch-2", "opensearch-3");
        assertThat(Store.named("opensearch-3")).isEqualTo(Store.OPENSEARCH_3);
        assertThat(Store.OPENSEARCH_3.title()).isEqualTo("OpenSearch 3");
        assertThatThrownBy(() -> Store.named("solr-9")).hasMessageContaining("choose one of elasticsearch-8, ");
    }

    @Test
    void theDefaultStoresZipKeepsItsNameTheOthersAreFetchedBeside() {
        assertThat(Store.DEFAULT).isEqualTo(Store.ELASTICSEARCH_9);
        assertThat(Store.ELASTICSEARCH_9.zipFileName()).isEqualTo("elasticsearch.zip");
        assertThat(Store.ELASTICSEARCH_8.zipFileName()).isEqualTo("elasticsearch-8.zip");
    }

    @Test
    void openSearchHasItsOwnProgramAndVariablesAndNoXpackSettings() {
        assertThat(Store.OPENSEARCH_2.program()).isEqualTo("opensearch");
        assertThat(Store.OPENSEARCH_2.environmentVariable("JAVA_HOME")).isEqualTo("OPENSEARCH_JAVA_HOME");
        assertThat(Store.OPENSEARCH_2.unsecuredSettings()).isEmpty();
        assertThat(Store.OPENSEARCH_2.canBeSecured()).isFalse();
        assertThat(Store.ELASTICSEARCH_8.environmentVariable("PATH_CONF")).isEqualTo("ES_PATH_CONF");
        assertThat(Store.ELASTICSEARCH_8.unsecuredSettings()).containsExactly("xpack.security.enabled=false");
    }

    @Test
    void aJdksFeatureVersionIsReadFromItsReleaseFile(@TempDir Path jdk) throws Exception {
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.15\"\n");
        assertThat(JavaRuntime.featureVersion(jdk)).hasValue(17);
        assertThat(JavaRuntime.featureVersion(jdk.resolve("missing"))).isEmpty();
    }

    @Test
    void openSearch2IsNotStartedOnAJdkWithoutTheSecurityManager() {
        assertThat(Store.OPENSEARCH_2.newestJava).isLessThan(24);
        assertThat(Store.OPENSEARCH_3.oldestJava).isEqualTo(21);
    }
}
