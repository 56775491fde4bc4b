package io.backprop.metrics;

import io.backprop.datasets.DatasetRegistry;
import io.backprop.network.Models;
import io.backprop.training.JobCounts;
import io.backprop.training.JobStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** What the service holds, read at each scrape: networks, their parameters, data set bytes, and jobs by status. */
@Component
class ServiceGauges implements MeterBinder {

    private final Models models;
    private final DatasetRegistry datasets;
    private final JobCounts jobs;

    ServiceGauges(Models models, DatasetRegistry datasets, JobCounts jobs) {
        this.models = models;
        this.datasets = datasets;
        this.jobs = jobs;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("backprop.networks", models, Models::count).description("Networks held").register(registry);
        Gauge.builder("backprop.parameters", models, Models::totalParameters)
                .description("Weights and biases of all networks held").register(registry);
        Gauge.builder("backprop.datasets.bytes", datasets, DatasetRegistry::totalBytes)
                .description("Bytes of the data sets' matrices").register(registry);
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("backprop.jobs", jobs, counts -> counts.count(status)).description("Training jobs by status")
                    .tag("status", status.toString()).register(registry);
        }
    }
}
