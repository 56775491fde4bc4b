/**
 * Plain-Java float64 references written from the published rules (the textbook backpropagation,
 * torch.optim's update rules, the closed forms of torch.optim.lr_scheduler), independent of the
 * engine and of ND4J, for tests to compare against.
 */
package io.backprop.reference;
