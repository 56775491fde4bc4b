package io.backprop.training;

/**
 * This replica no longer holds the job it was running (its connection to the shared store was lost and another replica
 * may have taken the job on): what it was about to store is not stored, and it stops the job here.
 */
final class HoldLostException extends RuntimeException {

    HoldLostException(String jobId) {
        super("This replica no longer holds training job " + jobId);
    }
}
