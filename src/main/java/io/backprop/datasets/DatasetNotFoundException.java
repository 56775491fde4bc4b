package io.backprop.datasets;

import io.backprop.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** No data set has the requested id. */
public final class DatasetNotFoundException extends ProblemException {

    public DatasetNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, "dataset-not-found", "Data set not found",
                "No data set has id '" + id + "'; GET /datasets lists the data sets held.", List.of());
    }
}
