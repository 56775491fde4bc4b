package io.backprop.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

class EngineWarmupTest {

    @Test
    void warmUpStopsAtTheFirstStepItIsToldTo() {
        AtomicInteger checks = new AtomicInteger();
        long samples = SyntheticTraining.run(() -> checks.incrementAndGet() > 10);
        assertThat(samples).isEqualTo(10L * SyntheticTraining.PLAN[0][0]);
    }

    @Test
    void warmUpTrainsEveryBatchSizeOfItsPlanWhenNotStopped() {
        long planned = 0;
        for (int[] batchAndSamples : SyntheticTraining.PLAN) {
            planned += batchAndSamples[1];
        }
        long samples = SyntheticTraining.run(() -> false);
        assertThat(samples).isEqualTo(planned + SyntheticTraining.SMALL_STEPS + 2L * SyntheticTraining.PREDICTIONS);
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
            "backprop.engine.warmup.enabled=true", "backprop.engine.warmup.max-duration=1s"})
    class Enabled {

        @Autowired
        EngineWarmup warmup;

        @Test
        void enabledWarmUpRunsInABackgroundThreadAndEndsByItsDeadline() throws InterruptedException {
            Thread thread = warmup.thread();
            assertThat(thread).isNotNull();
            assertThat(thread.isDaemon()).isTrue();
            thread.join(30_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "backprop.engine.warmup.enabled=false")
    class Disabled {

        @Autowired
        EngineWarmup warmup;

        @Test
        void disabledWarmUpStartsNoThread() {
            assertThat(warmup.thread()).isNull();
        }
    }
}
