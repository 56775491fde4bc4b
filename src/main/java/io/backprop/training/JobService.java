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
import io.backprop.replicas.Replicas;
import io.backprop.replicas.Topic;
import io.backprop.store.StoreTransactions;
import io.backprop.store.StoreUnavailableException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Training jobs as a queue in the store that every replica takes work from. A submission is checked and stored in one
 * transaction under its network's row lock: one queued or running job per network (409), the submitting key's
 * {@code maxConcurrentJobs} and the queue's capacity counted in the store (429). Each replica's dispatcher takes a
 * waiting job whenever one of its training threads is free (running jobs whose replica is gone first, then queued
 * ones in their order), holds it for as long as it runs, and wakes at once on a submission anywhere, polling besides.
 * A job this replica runs answers from memory; any other from its row. A job belongs to the key that submitted it;
 * another key does not find it. Finished jobs are kept for the configured retention.
 */
@Service
class JobService {

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PURGE = Duration.ofSeconds(1);
    private static final Duration STOP = Duration.ofSeconds(30);

    /** A job this replica runs, with its owner. */
    private record Running(TrainingJob job, String owner) {
    }

    /** What a job trains on and how it goes on: prepared with the network claimed for it. */
    private record Prepared(JobHandle network, JobData data, TrainingPlan plan, Best best, JobRunner.Resume resume) {
    }

    /** What came of an attempt to start a job this replica holds. */
    private enum Start { STARTED, ENDED, LATER }

    private final ConcurrentMap<String, Running> running = new ConcurrentHashMap<>();
    private final Set<String> held = new HashSet<>();
    private final NetworkJobs networks;
    private final DatasetRegistry datasets;
    private final JobSettings settings;
    private final Limits limits;
    private final JobPersistence persistence;
    private final JobFollowers followers;
    private final Replicas replicas;
    private final StoreTransactions transactions;
    private final Tenancy tenancy;
    private final QuotaGuard quotas;
    private final Semaphore freeThreads;
    private final Semaphore wakeups = new Semaphore(0);
    private final ThreadPoolExecutor executor;
    private final Thread dispatcher;
    private volatile boolean stopping;

    JobService(NetworkJobs networks, DatasetRegistry datasets, JobSettings settings, Limits limits, JobPersistence persistence,
               JobFollowers followers, Replicas replicas, StoreTransactions transactions, Tenancy tenancy, QuotaGuard quotas) {
        this.networks = networks;
        this.datasets = datasets;
        this.settings = settings;
        this.limits = limits;
        this.persistence = persistence;
        this.followers = followers;
        this.replicas = replicas;
        this.transactions = transactions;
        this.tenancy = tenancy;
        this.quotas = quotas;
        this.freeThreads = new Semaphore(settings.threads());
        this.executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "training-job");
                    thread.setDaemon(true);
                    return thread;
                });
        this.dispatcher = new Thread(this::dispatch, "training-job-dispatcher");
        this.dispatcher.setDaemon(true);
        replicas.listen(Topic.JOBS, this::announced);
        replicas.onMissed(this::wake);
    }

    JobView submit(String networkId, TrainingJobRequest request) {
        TrainingJobRequest resolved = withSeeds(request);
        TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), networkId, request.datasetId(),
                request.epochs() == null ? 1 : request.epochs(), settings.progressInterval(), Instant.now());
        prepare(job, resolved, null, false).network().release();
        String owner = tenancy.owner();
        transactions.run(() -> {
            if (replicas.lockNetwork(networkId) < 0) {
                throw new ProblemException(HttpStatus.NOT_FOUND, "network-not-found", "Network not found",
                        "No network has id '" + networkId + "'; GET /networks lists the networks held.", List.of());
            }
            persistence.activeFor(networkId).ifPresent(other -> {
                throw busy(networkId, other);
            });
            replicas.lockLimits();
            if (owner != null) {
                quotas.job(persistence.countActive(owner));
            }
            if (persistence.countQueued() >= settings.queueCapacity()) {
                throw ProblemException.limit(HttpStatus.TOO_MANY_REQUESTS, null, "The job queue is full ("
                        + settings.queueCapacity() + " waiting, backprop.jobs.queue-capacity); try again when a job has finished.");
            }
            persistence.submitted(job, resolved, owner);
        });
        wake();
        return job.view();
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
     * Claims the network for the job and builds what it trains on: for a new job ({@code stored} false) from its
     * start, for one taken from the store from its {@code checkpoint} (null: from its start).
     */
    private Prepared prepare(TrainingJob job, TrainingJobRequest request, byte[] checkpoint, boolean stored) {
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
            if (stored) {
                if (checkpoint != null) {
                    best.resume(checkpoint);
                }
                resume = new JobRunner.Resume(job.progress().history().size(), job.status() == JobStatus.RUNNING);
            }
            return new Prepared(network, data, plan, best, resume);
        } catch (RuntimeException rejected) {
            network.release();
            throw rejected;
        }
    }

    /** Starts taking jobs once every network is back. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        dispatcher.start();
    }

    private void dispatch() {
        Instant nextPurge = Instant.EPOCH;
        while (!stopping) {
            try {
                while (!stopping && freeThreads.tryAcquire()) {
                    if (!startNext()) {
                        break;
                    }
                }
                for (Running job : running.values()) {
                    if (!job.job().stopRequested() && !replicas.holdsJob(job.job().id())) {
                        LOG.warn("Training job {}: this replica lost its hold on it; it stops here, for the replica that holds it now",
                                job.job().id());
                        job.job().requestStop();
                    }
                }
                for (String id : persistence.cancelRequested()) {
                    Running job = running.get(id);
                    if (job != null) {
                        job.job().requestCancel();
                    }
                }
                if (Instant.now().isAfter(nextPurge)) {
                    persistence.purge(Instant.now().minus(settings.retention()));
                    nextPurge = Instant.now().plus(PURGE);
                }
            } catch (RuntimeException failure) {
                LOG.warn("Taking training jobs from the store failed; trying again", failure);
            }
            try {
                wakeups.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    /**
     * With a free thread taken: takes the next waiting job this replica can hold and starts it; gives the thread back
     * unless a job runs on it. False when there is nothing to start now.
     */
    private boolean startNext() {
        Optional<String> taken;
        try {
            taken = persistence.takeWaiting(this::hold);
        } catch (RuntimeException storeDown) {
            freeThreads.release();
            throw storeDown;
        }
        if (taken.isEmpty()) {
            freeThreads.release();
            return false;
        }
        String id = taken.get();
        Start start = Start.LATER;
        try {
            start = start(id);
        } finally {
            if (start != Start.STARTED) {
                release(id);
                freeThreads.release();
            }
        }
        return start != Start.LATER;
    }

    /** Starts a job this replica holds; one that has ended or cannot start any more (its data or network gone) ends. */
    private Start start(String id) {
        Optional<JobPersistence.Stored> found = persistence.find(id);
        if (found.isEmpty() || found.get().job().status().finished()) {
            return Start.ENDED;
        }
        JobPersistence.Stored stored = found.get();
        TrainingJob job = stored.job();
        if (job.cancelRequested()) {
            end(job, JobStatus.CANCELLED, null);
            return Start.ENDED;
        }
        Prepared prepared;
        try {
            prepared = prepare(job, stored.request(), stored.checkpoint(), true);
        } catch (ProblemException cannot) {
            if (cannot instanceof StoreUnavailableException || cannot.status() == HttpStatus.CONFLICT) {
                return Start.LATER;
            }
            end(job, JobStatus.FAILED, Problems.of(cannot));
            return Start.ENDED;
        } catch (RuntimeException failure) {
            LOG.error("Training job {} cannot start", id, failure);
            end(job, JobStatus.FAILED, Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                    "The job failed unexpectedly; this is a bug, not a problem with the request.", List.of()));
            return Start.ENDED;
        }
        JobRunner runner = new JobRunner(job, prepared.network(), prepared.data(), prepared.plan(), prepared.best(), prepared.resume(),
                persistence);
        running.put(id, new Running(job, stored.owner()));
        try {
            executor.execute(() -> run(job, runner));
        } catch (RejectedExecutionException stopped) {
            running.remove(id);
            prepared.network().release();
            return Start.LATER;
        }
        return Start.STARTED;
    }

    private void run(TrainingJob job, JobRunner runner) {
        try {
            runner.run();
        } finally {
            running.remove(job.id());
            release(job.id());
            freeThreads.release();
            wake();
        }
    }

    /** Ends a job that is not running, in the store first. */
    private void end(TrainingJob job, JobStatus outcome, ProblemDetail problem) {
        TrainingJob.Progress ending = job.ending(outcome, false, problem);
        persistence.update(job.id(), ending);
        job.finished(ending);
    }

    /** Holds the job for this replica unless it holds it already (or another replica does). */
    private boolean hold(String id) {
        synchronized (held) {
            if (held.contains(id) || !replicas.tryHoldJob(id)) {
                return false;
            }
            held.add(id);
            return true;
        }
    }

    private void release(String id) {
        synchronized (held) {
            if (held.remove(id)) {
                replicas.releaseJob(id);
            }
        }
    }

    private void wake() {
        wakeups.release();
    }

    /** A job was queued or changed anywhere (payload: its id), or asked to stop ({@code id:cancel}). */
    private void announced(String payload) {
        if (payload.endsWith(":cancel")) {
            Running job = running.get(payload.substring(0, payload.length() - ":cancel".length()));
            if (job != null) {
                job.job().requestCancel();
            }
            return;
        }
        wake();
        followers.changed(payload);
    }

    JobView get(String id) {
        Running live = running.get(id);
        if (live != null && tenancy.sees(live.owner())) {
            return live.job().view();
        }
        return stored(id).job().view();
    }

    /** The job's row, when the caller may see it and it is within the retention. */
    private JobPersistence.Stored stored(String id) {
        return persistence.describe(id).filter(this::visible).orElseThrow(() -> new JobNotFoundException(id));
    }

    private boolean visible(JobPersistence.Stored stored) {
        Instant finishedAt = stored.job().finishedAt();
        return tenancy.sees(stored.owner()) && (finishedAt == null || !finishedAt.isBefore(Instant.now().minus(settings.retention())));
    }

    long count(JobStatus status) {
        return persistence.count(status);
    }

    List<JobView> list() {
        return persistence.list().stream().filter(this::visible).map(stored -> {
            Running live = running.get(stored.job().id());
            return live == null ? stored.job().view() : live.job().view();
        }).sorted(Comparator.comparing(JobView::createdAt)).toList();
    }

    /**
     * Cancels the job: one this replica runs stops before its next step; one another replica runs is told to (the
     * row records the request, so that it also stops if it resumes elsewhere); one that nobody runs ends at once.
     */
    JobView cancel(String id) {
        Running live = running.get(id);
        if (live != null && tenancy.sees(live.owner())) {
            persistence.requestCancel(id);
            live.job().requestCancel();
            return live.job().view();
        }
        JobPersistence.Stored stored = stored(id);
        if (stored.job().status().finished()) {
            return stored.job().view();
        }
        if (hold(id)) {
            try {
                TrainingJob job = persistence.describe(id).map(JobPersistence.Stored::job).orElse(stored.job());
                if (!job.status().finished()) {
                    job.requestCancel();
                    end(job, JobStatus.CANCELLED, null);
                }
                return job.view();
            } finally {
                release(id);
            }
        }
        persistence.requestCancel(id);
        return stored(id).job().view();
    }

    void subscribe(String id, SseEmitter emitter) {
        Running live = running.get(id);
        if (live != null && tenancy.sees(live.owner())) {
            live.job().subscribe(emitter);
            return;
        }
        TrainingJob stored = stored(id).job();
        if (stored.status().finished()) {
            stored.subscribe(emitter);
            return;
        }
        followers.follow(stored, emitter);
    }

    /**
     * Stops the jobs where they stand: their rows stay running at their last checkpoint, and once their runners have
     * stopped the holds go, for another replica (or the next start) to resume them.
     */
    @PreDestroy
    void stop() {
        stopping = true;
        dispatcher.interrupt();
        running.values().forEach(job -> job.job().requestStop());
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Training jobs did not stop within {}", STOP);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ProblemException busy(String networkId, String jobId) {
        return new ProblemException(HttpStatus.CONFLICT, "network-busy", "Network busy", "Network " + networkId
                + " is being trained by job " + jobId + "; wait for it to finish or cancel it with DELETE /jobs/" + jobId + ".",
                List.of());
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
