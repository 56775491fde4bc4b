package io.backprop.inference;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/**
 * Whether the service takes inference requests: the application accepts traffic and, when it has
 * a store (a {@link DataSource}), a connection to it is valid.
 */
@Component
class Readiness {

    private static final int VALIDITY_TIMEOUT_SECONDS = 1;

    private final ApplicationAvailability availability;
    private final ObjectProvider<DataSource> dataSources;

    Readiness(ApplicationAvailability availability, ObjectProvider<DataSource> dataSources) {
        this.availability = availability;
        this.dataSources = dataSources;
    }

    /** Null when ready, else the sentence that says why not. */
    String notReadyBecause() {
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return "The service is starting or stopping and does not accept traffic yet.";
        }
        DataSource store = dataSources.getIfUnique();
        if (store == null) {
            return null;
        }
        try (Connection connection = store.getConnection()) {
            return connection.isValid(VALIDITY_TIMEOUT_SECONDS) ? null : "The store does not answer; inference waits for it.";
        } catch (SQLException unreachable) {
            return "The store is not open: " + unreachable.getMessage();
        }
    }
}
