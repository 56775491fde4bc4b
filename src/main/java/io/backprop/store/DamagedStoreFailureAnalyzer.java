package io.backprop.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start stopped by a damaged store into Spring Boot's short "APPLICATION FAILED TO START" report. */
class DamagedStoreFailureAnalyzer extends AbstractFailureAnalyzer<DamagedStoreException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DamagedStoreException cause) {
        return new FailureAnalysis(cause.getMessage(), "Restore the store file from a backup (docs/storage.md), or move it "
                + "aside to start with an empty store.", cause);
    }
}
