package io.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlasThreadsTest {

    private final int before = BlasThreads.current();

    @AfterEach
    void restore() {
        BlasThreads.use(before);
    }

    @Test
    void matrixProductsUseTheThreadsSet() {
        BlasThreads.use(1);
        assertThat(BlasThreads.current()).isEqualTo(1);
        BlasThreads.use(2);
        assertThat(BlasThreads.current()).isEqualTo(2);
    }

    @Test
    void fewerThanOneThreadIsRefused() {
        assertThatThrownBy(() -> BlasThreads.use(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
