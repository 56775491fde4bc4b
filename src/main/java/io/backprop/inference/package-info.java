/** The Open Inference Protocol v2 (KServe, Triton) over HTTP, with Triton's binary tensor data extension. */
package io.backprop.inference;
