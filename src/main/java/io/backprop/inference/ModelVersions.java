package io.backprop.inference;

import io.backprop.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A model has one version, "1": a network's current parameters. */
final class ModelVersions {

    static final String ONLY = "1";

    private ModelVersions() {
    }

    /** 404 for any version but "1". */
    static void check(String model, String version) {
        if (!ONLY.equals(version)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "model-version-not-found", "Model version not found",
                    "Model '" + model + "' has no version '" + version + "'; its only version is '" + ONLY + "'.", List.of());
        }
    }
}
