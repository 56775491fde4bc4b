/** Training configuration: optimizers, learning-rate schedules and gradient clipping as requests give them, with their defaults and checks. */
package io.backprop.optimizer;
