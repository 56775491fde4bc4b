package io.backprop.network;

/** The update rules a network can train with. */
enum OptimizerType {
    SGD;

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
