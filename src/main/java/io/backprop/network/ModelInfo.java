package io.backprop.network;

import io.backprop.engine.Precision;

/**
 * What a client of a held network needs to call it: its id and name (null when unnamed), the
 * lengths of an input and an output row, the precision it computes in, and whether its output is
 * a softmax (so that each row has a class).
 */
public record ModelInfo(String id, String name, int inputs, int outputs, Precision dtype, boolean softmax) {
}
