package io.backprop.network;

/** A request carrying rows of inputs and their targets. */
interface LabelledBatch {

    double[][] inputs();

    double[][] targets();

    /** A held data set to use instead of inline rows, where the request takes one. */
    default String datasetId() {
        return null;
    }
}
