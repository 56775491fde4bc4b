package io.backprop.network;

/** A request carrying rows of inputs and their targets. */
interface LabelledBatch {

    double[][] inputs();

    double[][] targets();
}
