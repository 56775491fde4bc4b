/** Optimizers: rules that update parameters in place from their gradients, keeping their own state. */
package io.backprop.engine.optim;
