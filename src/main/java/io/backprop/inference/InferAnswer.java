package io.backprop.inference;

/**
 * An inference response body: JSON alone, or (when {@code headerLength} is not null) a JSON header
 * of that many bytes followed by the binary outputs' data.
 */
record InferAnswer(byte[] body, Integer headerLength) {
}
