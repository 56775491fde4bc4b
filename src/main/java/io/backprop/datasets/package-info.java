/** Data sets uploaded once (CSV, JSON, IDX as the MNIST family ships it) and held as dense matrices for training and evaluation. */
package io.backprop.datasets;
