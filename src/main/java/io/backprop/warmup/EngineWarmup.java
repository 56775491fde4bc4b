package io.backprop.warmup;

import io.backprop.engine.kernels.BlasGate;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the service is ready, runs {@link SyntheticTraining} in one background thread, bounded by
 * {@link WarmupSettings#maxDuration()}, so that a user's first training call runs compiled code rather
 * than the interpreter's. Requests are served meanwhile, and the warm-up gives way to them: it ends as soon as
 * a request waits for the BLAS threads it is using. Stopping the service stops it too.
 */
@Component
class EngineWarmup {

    private static final Logger log = LoggerFactory.getLogger(EngineWarmup.class);

    private final WarmupSettings settings;
    private volatile Thread thread;

    EngineWarmup(WarmupSettings settings) {
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!settings.enabled()) {
            return;
        }
        Thread worker = new Thread(this::warmUp, "engine-warmup");
        worker.setDaemon(true);
        worker.setPriority(Thread.MIN_PRIORITY);
        thread = worker;
        worker.start();
    }

    /** The warm-up thread, or null when none was started. */
    Thread thread() {
        return thread;
    }

    private void warmUp() {
        long start = System.nanoTime();
        long deadline = start + settings.maxDuration().toNanos();
        try {
            long samples = SyntheticTraining.run(() -> Thread.currentThread().isInterrupted() || System.nanoTime() > deadline
                    || BlasGate.othersWaiting());
            log.info("Engine warm-up: {} samples in {} ms", samples, Duration.ofNanos(System.nanoTime() - start).toMillis());
        } catch (RuntimeException failed) {
            log.warn("Engine warm-up stopped: {}", failed.toString());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        Thread worker = thread;
        if (worker != null) {
            worker.interrupt();
            worker.join(Duration.ofSeconds(10).toMillis());
        }
    }
}
