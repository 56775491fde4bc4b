package io.backprop.training;

import io.backprop.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** No job has the requested id (never created, or finished longer ago than the retention). */
final class JobNotFoundException extends ProblemException {

    JobNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, "job-not-found", "Job not found", "No job has id '" + id
                + "'; GET /jobs lists the jobs held (finished jobs are kept for backprop.jobs.retention).", List.of());
    }
}
