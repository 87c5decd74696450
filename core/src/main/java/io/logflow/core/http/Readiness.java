package io.logflow.core.http;

import java.util.Optional;

/** Whether a stage can do its work now; empty when ready, else the reason it is not. */
@FunctionalInterface
public interface Readiness {
    Optional<String> notReadyReason();
}
