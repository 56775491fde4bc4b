/**
 * The engine's arithmetic behind one interface, {@link io.backprop.engine.kernels.Kernels}, in two
 * backends (ND4J with BLAS, and plain Java for tiny work) chosen once per set of buffers by size and type;
 * and {@link io.backprop.engine.kernels.RowKernels}, a predicted row's forward pass on Java arrays.
 */
package io.backprop.engine.kernels;
