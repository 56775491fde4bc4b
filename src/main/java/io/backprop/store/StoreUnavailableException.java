package io.backprop.store;

import io.backprop.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The store could not take or give a change (unreachable, full, failing): 503, and nothing changed. */
public final class StoreUnavailableException extends ProblemException {

    StoreUnavailableException(RuntimeException cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
                "The store did not accept the change (" + rootMessage(cause) + "); nothing changed. Try again later.", List.of());
        initCause(cause);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
