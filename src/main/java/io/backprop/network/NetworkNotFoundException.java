package io.backprop.network;

import io.backprop.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** No network has the requested id (never created, or deleted). */
final class NetworkNotFoundException extends ProblemException {

    NetworkNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, "network-not-found", "Network not found",
                "No network has id '" + id + "'; GET /networks lists the networks held.", List.of());
    }
}
