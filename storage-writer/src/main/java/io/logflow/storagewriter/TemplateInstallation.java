package io.logflow.storagewriter;

import io.logflow.core.elasticsearch.StoreFlavour;
import io.logflow.core.http.Readiness;
import io.logflow.core.retry.Backoff;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index template, installed before the first document is written (a daily index
 * created without it would get guessed mappings). Waits for Elasticsearch with backoff;
 * the writer's consumers wait for it, and the writer is not ready until it is installed
 * (an Elasticsearch that answers but refuses the template, e.g. for a missing privilege,
 * would otherwise look ready to a writer that stores nothing).
 */
final class TemplateInstallation implements Readiness {

    private static final Logger log = LoggerFactory.getLogger(TemplateInstallation.class);

    private final LogIndex index;
    private final Backoff backoff;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean installed;
    private volatile String lastFailure = "not tried yet";

    TemplateInstallation(LogIndex index, Backoff backoff) {
        this.index = index;
        this.backoff = backoff;
    }

    /** @return whether the template is installed; false when stopped before it could be */
    synchronized boolean await() throws InterruptedException {
        for (int attempt = 0; !installed; attempt++) {
            if (stopped.getCount() == 0) {
                return false;
            }
            try {
                StoreFlavour store = index.installTemplate();
                installed = true;
                log.atInfo().addKeyValue("store", store.toString()).addKeyValue("layout", index.describe()).log("index template installed");
                if (!store.tested()) {
                    log.atWarn().addKeyValue("store", store.toString()).log("LogFlow is tested on Elasticsearch 8 and 9 and "
                            + "OpenSearch 2 and 3 only");
                }
            } catch (ElasticsearchUnavailableException e) {
                lastFailure = e.getMessage();
                Duration delay = backoff.delay(attempt);
                log.atWarn().addKeyValue("reason", e.getMessage()).addKeyValue("retry_in_ms", delay.toMillis())
                        .log("waiting for Elasticsearch to install the index template");
                if (stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public Optional<String> notReadyReason() {
        return installed ? Optional.empty() : Optional.of("index template not installed yet: " + lastFailure);
    }

    void stop() {
        stopped.countDown();
    }
}
