/** Training jobs: long runs on uploaded data sets in the background, with progress, live events, early stopping and cancelling. */
package io.backprop.training;
