package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** y += α·x in place: the update at the heart of every optimizer; BLAS, or plain Java for tiny arrays. */
public final class Axpy {

    private Axpy() {
    }

    /** y += alpha · x, for x and y of the same shape. */
    public static void apply(double alpha, INDArray x, INDArray y) {
        if (JavaKernels.suit(y.length(), x, y)) {
            JavaKernels.axpy(alpha, x, y);
        } else {
            Nd4j.getBlasWrapper().level1().axpy(y.length(), alpha, x, y);
        }
    }
}
