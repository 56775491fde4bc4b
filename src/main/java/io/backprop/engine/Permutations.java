package io.backprop.engine;

import java.util.SplittableRandom;

/** Orders of rows: the identity, and Fisher–Yates shuffles from a seeded generator. */
public final class Permutations {

    private Permutations() {
    }

    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Shuffles {@code order} in place. */
    public static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** A random order of 0 … n − 1, the same for the same seed. */
    public static int[] random(int n, long seed) {
        int[] order = identity(n);
        shuffle(order, new SplittableRandom(seed));
        return order;
    }
}
