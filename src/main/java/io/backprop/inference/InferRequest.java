package io.backprop.inference;

import java.util.List;

/**
 * An inference request, read and checked against its model: the rows of its one input, flat and
 * row-major ([rows × inputs], finite, already rounded to the input's datatype), and the outputs to
 * answer with.
 *
 * @param id      the client's request id, echoed; may be null
 * @param x       the input values, [rows × inputs]
 * @param rows    how many rows x holds
 * @param outputs the outputs to answer with, in the order asked (every output when none was named)
 */
record InferRequest(String id, double[] x, int rows, List<RequestedOutput> outputs) {

    /** One output of the answer, and whether its values travel as binary data after the JSON. */
    record RequestedOutput(String name, boolean binary) {
    }
}
