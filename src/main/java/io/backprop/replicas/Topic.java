package io.backprop.replicas;

/** What an announcement is about; each topic is one PostgreSQL notification channel. */
public enum Topic {
    /** A network changed ({@code id:version}) or was deleted ({@code id:deleted}). */
    NETWORKS("backprop_networks"),
    /** A data set was deleted ({@code id:deleted}). */
    DATASETS("backprop_datasets"),
    /** A job was queued, changed or asked to stop; the payload is the job's id, or {@code id:cancel}. */
    JOBS("backprop_jobs");

    private final String channel;

    Topic(String channel) {
        this.channel = channel;
    }

    /** The notification channel's name. */
    public String channel() {
        return channel;
    }
}
