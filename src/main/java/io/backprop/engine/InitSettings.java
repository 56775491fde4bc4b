package io.backprop.engine;

/**
 * How layers without explicit parameters are initialised: the scheme, its seed, and the bounds
 * of {@code uniform} ({@code low}, {@code high}) and the deviation of {@code normal} ({@code std}).
 */
public record InitSettings(InitScheme scheme, long seed, double low, double high, double std) {

    public static final double DEFAULT_LOW = 0.0;
    public static final double DEFAULT_HIGH = 1.0;
    public static final double DEFAULT_STD = 1.0;
}
