/** Start-up warm-up: the training and prediction paths run on synthetic data, off the request path, before users train. */
package io.backprop.warmup;
