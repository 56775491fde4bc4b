package io.backprop.engine;

import org.nd4j.linalg.api.buffer.DataType;

/** The floating-point type a network computes in, end to end. */
public enum Precision {
    FLOAT32(DataType.FLOAT),
    FLOAT64(DataType.DOUBLE);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
