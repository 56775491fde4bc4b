package io.backprop.inference;

import io.backprop.engine.Precision;

/** The protocol's tensor element types this service reads or writes, with their size in bytes. */
enum Datatype {
    FP32(4), FP64(8), INT64(8);

    private final int bytes;

    Datatype(int bytes) {
        this.bytes = bytes;
    }

    int bytes() {
        return bytes;
    }

    /** The datatype of a network's values. */
    static Datatype of(Precision precision) {
        return precision == Precision.FLOAT32 ? FP32 : FP64;
    }

    /** FP32 or FP64 by name, or null for any other. */
    static Datatype floating(String name) {
        return switch (name) {
            case "FP32" -> FP32;
            case "FP64" -> FP64;
            default -> null;
        };
    }
}
