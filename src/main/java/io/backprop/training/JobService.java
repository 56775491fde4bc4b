package io.backprop.training;

import io.backprop.config.JobSettings;
import io.backprop.config.Limits;
import io.backprop.datasets.Dataset;
import io.backprop.datasets.DatasetRegistry;
import io.backprop.engine.Permutations;
import io.backprop.engine.TrainingPlan;
import io.backprop.network.Batch;
import io.backprop.network.JobHandle;
import io.backprop.network.NetworkJobs;
import io.backprop.security.QuotaGuard;
import io.backprop.security.Tenancy;
import io.backprop.web.ProblemException;
import io.backprop.web.Problems;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Accepts training jobs onto a bounded executor (full: 429), one per network (409), within the
 * submitting key's {@code maxConcurrentJobs}, and keeps them, finished ones for the configured
 * retention. A job belongs to the key that submitted it; another key does not find it. Every job
 * is in the store from its submission; when the service starts, the stored jobs come back, and
 * the ones that were queued or running go on (running ones from their last completed epoch).
 */
@Service
class JobService {

    private final ConcurrentMap<String, TrainingJob> jobs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> owners = new ConcurrentHashMap<>();
    private final NetworkJobs networks;
    private final DatasetRegistry datasets;
    private final JobSettings settings;
    private final Limits limits;
    private final JobPersistence persistence;
    private final ThreadPoolExecutor executor;
    private final Tenancy tenancy;
    private final QuotaGuard quotas;
    private List<JobPersistence.Stored> toResume = List.of();

    JobService(NetworkJobs networks, DatasetRegistry datasets, JobSettings settings, Limits limits, JobPersistence persistence,
               Tenancy tenancy, QuotaGuard quotas) {
        this.tenancy = tenancy;
        this.quotas = quotas;
        this.networks = networks;
        this.datasets = datasets;
        this.settings = settings;
        this.limits = limits;
        this.persistence = persistence;
        this.executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()), runnable -> {
                    Thread thread = new Thread(runnable, "training-job");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    JobView submit(String networkId, TrainingJobRequest request) {
        purge();
        TrainingJobRequest resolved = withSeeds(request);
        String jobId = UUID.randomUUID().toString();
        reserve(jobId);
        try {
            TrainingJob job = new TrainingJob(jobId, networkId, request.datasetId(),
                    request.epochs() == null ? 1 : request.epochs(), settings.progressInterval(), Instant.now());
            schedule(job, resolved, null, true);
            return job.view();
        } catch (RuntimeException rejected) {
            owners.remove(jobId);
            throw rejected;
        }
    }

    /** Records the calling key as the owner of {@code jobId}, within its maxConcurrentJobs (a reserved job counts as active). */
    private void reserve(String jobId) {
        String owner = tenancy.owner();
        if (owner == null) {
            return;
        }
        synchronized (owners) {
            quotas.job(owners.entrySet().stream().filter(entry -> owner.equals(entry.getValue()))
                    .map(entry -> jobs.get(entry.getKey())).filter(job -> job == null || job.finishedAt() == null).count());
            owners.put(jobId, owner);
        }
    }

    /** The request with its seeds drawn where it left them out, so a resumed job shuffles and splits as before. */
    private static TrainingJobRequest withSeeds(TrainingJobRequest request) {
        ValidationSpec validation = request.validation();
        if (validation != null && validation.fraction() != null && validation.seed() == null) {
            validation = new ValidationSpec(validation.datasetId(), validation.fraction(), ThreadLocalRandom.current().nextLong());
        }
        long seed = request.seed() == null ? ThreadLocalRandom.current().nextLong() : request.seed();
        return new TrainingJobRequest(request.datasetId(), validation, request.epochs(), request.batchSize(), request.shuffle(), seed,
                request.optimizer(), request.schedule(), request.clip(), request.earlyStopping());
    }

    /**
     * Claims the network and queues the job: a new one ({@code submitted}: stored first), or one the store brought
     * back, going on from {@code checkpoint} (null: from its start).
     */
    private void schedule(TrainingJob job, TrainingJobRequest request, byte[] checkpoint, boolean submitted) {
        Dataset training = datasets.get(request.datasetId());
        Dataset validationSet = validationDataset(request.validation());
        JobHandle network = networks.claim(job.networkId(), job.id(), request.optimizer(), request.schedule(), request.clip());
        try {
            JobData data = data(network, training, validationSet, request);
            checkEarlyStopping(request.earlyStopping(), data);
            int rows = (int) data.x().rows();
            TrainingPlan plan = new TrainingPlan(job.epochs(), request.batchSize() == null ? rows : request.batchSize(),
                    Boolean.TRUE.equals(request.shuffle()), request.seed());
            Best best = new Best(request.earlyStopping(), data.hasValidation());
            JobRunner.Resume resume = JobRunner.Resume.NONE;
            if (!submitted) {
                if (checkpoint != null) {
                    best.resume(checkpoint);
                }
                resume = new JobRunner.Resume(job.progress().history().size(), job.status() == JobStatus.RUNNING);
            }
            if (submitted) {
                persistence.submitted(job, request, owners.get(job.id()));
            }
            jobs.put(job.id(), job);
            try {
                executor.execute(new JobRunner(job, network, data, plan, best, resume, persistence));
            } catch (RejectedExecutionException full) {
                jobs.remove(job.id());
                if (submitted) {
                    persistence.delete(job.id());
                }
                throw ProblemException.limit(HttpStatus.TOO_MANY_REQUESTS, null, "The job queue is full ("
                        + settings.queueCapacity() + " waiting, backprop.jobs.queue-capacity); try again when a job has finished.");
            }
        } catch (RuntimeException rejected) {
            network.release();
            throw rejected;
        }
    }

    /** Brings back the stored jobs; the ones to go on wait until the service has started. */
    @PostConstruct
    void load() {
        List<JobPersistence.Stored> stored = persistence.load(settings.progressInterval());
        stored.forEach(job -> {
            jobs.put(job.job().id(), job.job());
            if (job.owner() != null) {
                owners.put(job.job().id(), job.owner());
            }
        });
        toResume = stored.stream().filter(job -> !job.job().status().finished())
                .sorted(Comparator.comparing((JobPersistence.Stored job) -> job.job().status() != JobStatus.RUNNING)
                        .thenComparing(job -> job.job().createdAt()))
                .toList();
    }

    /** Once every network is back: running jobs go on from their checkpoints, queued ones queue again in their order. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        for (JobPersistence.Stored stored : toResume) {
            TrainingJob job = stored.job();
            try {
                if (job.cancelRequested()) {
                    TrainingJob.Progress ending = job.ending(JobStatus.CANCELLED, false, null);
                    persistence.update(job.id(), ending);
                    job.finished(ending);
                } else {
                    schedule(job, stored.request(), stored.checkpoint(), false);
                }
            } catch (ProblemException cannot) {
                TrainingJob.Progress ending = job.ending(JobStatus.FAILED, false, Problems.of(cannot));
                try {
                    persistence.update(job.id(), ending);
                } catch (ProblemException storeDown) {
                    cannot.addSuppressed(storeDown);
                }
                job.finished(ending);
            }
        }
        toResume = List.of();
    }

    JobView get(String id) {
        purge();
        return job(id).view();
    }

    long count(JobStatus status) {
        return jobs.values().stream().filter(job -> job.status() == status).count();
    }

    List<JobView> list() {
        purge();
        return jobs.values().stream().filter(job -> tenancy.sees(owners.get(job.id()))).map(TrainingJob::view)
                .sorted(Comparator.comparing(JobView::createdAt)).toList();
    }

    JobView cancel(String id) {
        TrainingJob job = job(id);
        if (!job.status().finished()) {
            persistence.update(job.id(), job.progress().withCancelRequested());
        }
        job.requestCancel();
        return job.view();
    }

    void subscribe(String id, SseEmitter emitter) {
        job(id).subscribe(emitter);
    }

    /** Stops the jobs where they stand; the store keeps the running ones at their last checkpoint, to go on next start. */
    @PreDestroy
    void stop() {
        jobs.values().forEach(TrainingJob::requestStop);
        executor.shutdownNow();
    }

    private TrainingJob job(String id) {
        TrainingJob job = jobs.get(id);
        if (job == null || !tenancy.sees(owners.get(id))) {
            throw new JobNotFoundException(id);
        }
        return job;
    }

    private void purge() {
        Instant horizon = Instant.now().minus(settings.retention());
        for (TrainingJob job : jobs.values()) {
            if (job.finishedAt() != null && job.finishedAt().isBefore(horizon)) {
                try {
                    persistence.delete(job.id());
                    jobs.remove(job.id());
                    owners.remove(job.id());
                } catch (ProblemException storeDown) {
                    return;
                }
            }
        }
    }

    private Dataset validationDataset(ValidationSpec validation) {
        if (validation == null) {
            return null;
        }
        if ((validation.datasetId() == null) == (validation.fraction() == null)) {
            throw ProblemException.invalid("validation", "give exactly one of datasetId and fraction");
        }
        if (validation.seed() != null && validation.fraction() == null) {
            throw ProblemException.invalid("validation.seed", "applies to a fraction split only");
        }
        return validation.datasetId() == null ? null : datasets.get(validation.datasetId());
    }

    private JobData data(JobHandle network, Dataset training, Dataset validationSet, TrainingJobRequest request) {
        Batch train = network.data(training);
        if (validationSet != null) {
            Batch validation = network.data(validationSet);
            return checked(new JobData(train.x(), train.y(), validation.x(), validation.y()), request);
        }
        if (request.validation() == null) {
            return checked(new JobData(train.x(), train.y(), null, null), request);
        }
        int n = (int) train.x().rows();
        int held = (int) Math.round(n * request.validation().fraction());
        if (held < 1 || held >= n) {
            throw ProblemException.invalid("validation.fraction", "holds out " + held + " of " + n
                    + " rows; at least one row must be held out and one kept for training");
        }
        int[] order = Permutations.random(n, request.validation().seed());
        int[] kept = java.util.Arrays.copyOfRange(order, 0, n - held);
        int[] heldOut = java.util.Arrays.copyOfRange(order, n - held, n);
        return checked(new JobData(Nd4j.pullRows(train.x(), 1, kept), Nd4j.pullRows(train.y(), 1, kept),
                Nd4j.pullRows(train.x(), 1, heldOut), Nd4j.pullRows(train.y(), 1, heldOut)), request);
    }

    private JobData checked(JobData data, TrainingJobRequest request) {
        long sampleEpochs = data.x().rows() * (long) (request.epochs() == null ? 1 : request.epochs());
        if (sampleEpochs > limits.maxSampleEpochsPerCall() * 100) {
            throw ProblemException.limit(HttpStatus.UNPROCESSABLE_ENTITY, "epochs", "The job would process " + sampleEpochs
                    + " sample-epochs, more than 100 × backprop.limits.max-sample-epochs-per-call.");
        }
        return data;
    }

    private static void checkEarlyStopping(EarlyStoppingSpec earlyStopping, JobData data) {
        if (earlyStopping != null && earlyStopping.monitorOrDefault() != EarlyStoppingSpec.Monitor.LOSS && !data.hasValidation()) {
            throw ProblemException.invalid("earlyStopping.monitor", "monitors " + earlyStopping.monitorOrDefault()
                    + ", which needs validation; add validation or monitor loss");
        }
    }
}
