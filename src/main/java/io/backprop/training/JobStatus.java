package io.backprop.training;

/** Where a training job is in its life. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
