package io.backprop.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** Checks on the values held in arrays. */
final class Numbers {

    private Numbers() {
    }

    static boolean allFinite(INDArray array) {
        return !BooleanIndexing.or(array, Conditions.notFinite());
    }
}
