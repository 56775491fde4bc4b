package io.backprop.training;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A job's training rows x [n, inputs], y [n, outputs] and its validation rows, or null without validation. */
record JobData(INDArray x, INDArray y, INDArray xVal, INDArray yVal) {

    boolean hasValidation() {
        return xVal != null;
    }
}
