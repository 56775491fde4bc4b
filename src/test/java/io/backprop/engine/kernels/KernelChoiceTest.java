package io.backprop.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The backend of each operation follows its threshold, decided from the batch's sizes alone. */
class KernelChoiceTest {

    @Test
    void productsOfAtMostMaxJavaWorkMultiplyAddsRunInJava() {
        KernelChoice choice = KernelChoice.forBatches(16, DataType.DOUBLE);

        assertThat(choice.products(16, 16)).isInstanceOf(JavaKernels.class);              // 4,096 multiply-adds
        assertThat(choice.products(16, 17)).isInstanceOf(BlasKernels.class);
        assertThat(choice.activation(256)).isInstanceOf(JavaKernels.class);               // 4,096 elements
        assertThat(choice.activation(257)).isInstanceOf(BlasKernels.class);
        assertThat(choice.loss(512)).isInstanceOf(JavaKernels.class);                     // 8,192 outputs
        assertThat(choice.loss(513)).isInstanceOf(BlasKernels.class);
        assertThat(choice.updates(KernelChoice.MAX_JAVA_WORK)).isInstanceOf(JavaKernels.class);
        assertThat(choice.updates(KernelChoice.MAX_JAVA_WORK + 1)).isInstanceOf(BlasKernels.class);
    }

    @Test
    void oneChoiceSharesOneBlasBackendAcrossItsOperations() {
        KernelChoice choice = KernelChoice.forBatches(64, DataType.FLOAT);

        assertThat(choice.products(100, 100)).isSameAs(choice.loss(1000)).isSameAs(choice.activation(100));
    }
}
