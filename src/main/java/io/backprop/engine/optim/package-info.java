/**
 * Optimizers: rules that update parameters (each a {@link io.backprop.engine.optim.Parameter}: value, gradient and
 * state-dict key) in place from their gradients, keeping their own state. They know nothing of networks: the engine
 * hands them its parameters, and depends on this package, never the reverse.
 */
package io.backprop.engine.optim;
