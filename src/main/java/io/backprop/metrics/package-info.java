/** The service's own Prometheus meters: held resources, training and inference throughput, store writes. */
package io.backprop.metrics;
