package io.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Products OpenBLAS splits over its threads run one at a time; the ones it runs on the caller's thread never wait. */
class BlasGateTest {

    private int threadsBefore;

    @BeforeEach
    void twoBlasThreads() {
        threadsBefore = BlasThreads.current();
        BlasThreads.use(2);
    }

    @AfterEach
    void restoreBlasThreads() {
        BlasThreads.use(threadsBefore);
    }

    @Test
    void aSplitProductWaitsForTheOneBeforeItAndGoesOnWhenItEnds() throws Exception {
        boolean held = BlasGate.enterProduct(512, 256, 784);
        assertThat(held).isTrue();
        AtomicBoolean secondEntered = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread second = new Thread(() -> {
            boolean entered = BlasGate.enterProduct(128, 256, 784);
            secondEntered.set(entered);
            BlasGate.exit(entered);
            done.countDown();
        });
        try {
            second.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!BlasGate.othersWaiting() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(BlasGate.othersWaiting()).as("the second product waits").isTrue();
            assertThat(done.getCount()).isEqualTo(1);
        } finally {
            BlasGate.exit(held);
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(secondEntered).isTrue();
        assertThat(BlasGate.othersWaiting()).isFalse();
    }

    @Test
    void productsAndVectorsOpenBlasDoesNotSplitGoAheadWhileTheThreadsAreHeld() throws Exception {
        boolean held = BlasGate.enterProduct(512, 256, 784);
        try {
            CountDownLatch done = new CountDownLatch(1);
            boolean[] entered = new boolean[2];
            Thread small = new Thread(() -> {
                entered[0] = BlasGate.enterProduct(32, 10, 128);
                entered[1] = BlasGate.enterVector(BlasGate.SPLIT_VECTOR_LENGTH);
                done.countDown();
            });
            small.start();
            assertThat(done.await(10, TimeUnit.SECONDS)).as("small calls do not wait").isTrue();
            assertThat(entered).containsExactly(false, false);
        } finally {
            BlasGate.exit(held);
        }
    }

    @Test
    void withOneBlasThreadNothingWaits() throws Exception {
        BlasThreads.use(1);
        assertThat(BlasGate.enterProduct(512, 256, 784)).isFalse();
        assertThat(BlasGate.enterVector(10 * BlasGate.SPLIT_VECTOR_LENGTH)).isFalse();
    }

    @Test
    void theThresholdsAreOpenBlassOwn() {
        assertThat(BlasGate.enterProduct(64, 64, 63)).as("64·64·63 < 4·65536").isFalse();
        boolean atThreshold = BlasGate.enterProduct(64, 64, 64);
        BlasGate.exit(atThreshold);
        assertThat(atThreshold).isTrue();
        boolean longVector = BlasGate.enterVector(BlasGate.SPLIT_VECTOR_LENGTH + 1);
        BlasGate.exit(longVector);
        assertThat(longVector).isTrue();
    }
}
