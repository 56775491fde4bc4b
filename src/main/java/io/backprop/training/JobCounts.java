package io.backprop.training;

import org.springframework.stereotype.Component;

/** How many training jobs the store holds in each status, across replicas, for other features (metrics). */
@Component
public class JobCounts {

    private final JobService jobs;

    JobCounts(JobService jobs) {
        this.jobs = jobs;
    }

    public long count(JobStatus status) {
        return jobs.count(status);
    }
}
