package io.backprop.engine;

import java.util.random.RandomGenerator;

/**
 * Named weight initialisation schemes, as {@code torch.nn.init} defines them (gain 1 for Xavier,
 * the ReLU gain √2 for He). Each draws one value of W [units, fanIn] from a seeded generator.
 */
public enum InitScheme {
    /** U(−√(6/(fanIn+fanOut)), +√(6/(fanIn+fanOut))). */
    XAVIER_UNIFORM {
        @Override
        double draw(RandomGenerator random, int fanIn, int fanOut, InitSettings settings) {
            return uniform(random, Math.sqrt(6.0 / (fanIn + fanOut)));
        }
    },
    /** N(0, 2/(fanIn+fanOut)). */
    XAVIER_NORMAL {
        @Override
        double draw(RandomGenerator random, int fanIn, int fanOut, InitSettings settings) {
            return random.nextGaussian() * Math.sqrt(2.0 / (fanIn + fanOut));
        }
    },
    /** U(−√(6/fanIn), +√(6/fanIn)). */
    HE_UNIFORM {
        @Override
        double draw(RandomGenerator random, int fanIn, int fanOut, InitSettings settings) {
            return uniform(random, Math.sqrt(6.0 / fanIn));
        }
    },
    /** N(0, 2/fanIn). */
    HE_NORMAL {
        @Override
        double draw(RandomGenerator random, int fanIn, int fanOut, InitSettings settings) {
            return random.nextGaussian() * Math.sqrt(2.0 / fanIn);
        }
    },
    /** U(low, high). */
    UNIFORM {
        @Override
        double draw(RandomGenerator random, int fanIn, int fanOut, InitSettings settings) {
            return settings.low() + (settings.high() - settings.low()) * random.nextDouble();
        }
    },
    /** N(0, std²). */
    NORMAL {
        @Override
        double draw(RandomGenerator random, int fanIn, int fanOut, InitSettings settings) {
            return random.nextGaussian() * settings.std();
        }
    },
    ZEROS {
        @Override
        double draw(RandomGenerator random, int fanIn, int fanOut, InitSettings settings) {
            return 0.0;
        }
    };

    abstract double draw(RandomGenerator random, int fanIn, int fanOut, InitSettings settings);

    private static double uniform(RandomGenerator random, double bound) {
        return (2.0 * random.nextDouble() - 1.0) * bound;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
