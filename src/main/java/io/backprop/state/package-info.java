/** A network's whole state as one value: spec, parameters, training configuration and state, counters; copied, compared and encoded here. */
package io.backprop.state;
