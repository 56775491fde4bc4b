package io.backprop.network;

import io.backprop.engine.Network;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link Scratch} buffers of one held network, kept between requests so that predictions,
 * evaluations, traced steps and gradient checks of a batch size seen before allocate no arrays.
 * Idle buffers are bounded: at most {@link #MAX_IDLE_BYTES} per network, none larger than
 * {@link #MAX_SCRATCH_BYTES} (a request of more rows computes in fresh arrays, dropped after it).
 */
final class ScratchPool {

    static final long MAX_SCRATCH_BYTES = 256 * 1024;
    static final long MAX_IDLE_BYTES = 1024 * 1024;

    private final Network network;
    private final Map<Integer, Deque<Scratch>> idle = new HashMap<>();
    private long idleBytes;

    ScratchPool(Network network) {
        this.network = network;
    }

    /** Runs {@code action} on buffers for {@code m} rows, which it alone uses until it returns; it must not keep them. */
    <T> T with(int m, Function<Scratch, T> action) {
        Scratch scratch = take(m);
        try {
            return action.apply(scratch);
        } finally {
            give(scratch);
        }
    }

    /** Bytes the idle buffers can come to. */
    synchronized long idleBytes() {
        return idleBytes;
    }

    private synchronized Scratch take(int m) {
        Deque<Scratch> free = idle.get(m);
        if (free == null) {
            return new Scratch(network, m);
        }
        if (free.size() == 1) {
            idle.remove(m);
        }
        idleBytes -= Scratch.bytes(network, m);
        return free.pop();
    }

    private synchronized void give(Scratch scratch) {
        long bytes = Scratch.bytes(network, scratch.rows());
        if (bytes > MAX_SCRATCH_BYTES) {
            return;
        }
        while (idleBytes + bytes > MAX_IDLE_BYTES) {
            if (!dropOtherThan(scratch.rows())) {
                return;
            }
        }
        idle.computeIfAbsent(scratch.rows(), rows -> new ArrayDeque<>()).push(scratch);
        idleBytes += bytes;
    }

    /** Drops one idle scratch of another batch size than {@code m} (no deque in the map is empty); false when there is none. */
    private boolean dropOtherThan(int m) {
        for (Map.Entry<Integer, Deque<Scratch>> entry : idle.entrySet()) {
            if (entry.getKey() != m) {
                entry.getValue().pop();
                if (entry.getValue().isEmpty()) {
                    idle.remove(entry.getKey());
                }
                idleBytes -= Scratch.bytes(network, entry.getKey());
                return true;
            }
        }
        return false;
    }
}
