package io.ccpulse.sim;

import java.util.List;
import java.util.Random;

/**
 * Distributions over a seeded {@link Random}. Only {@link StrictMath} is used, so a seed gives
 * the same numbers on every JVM and platform.
 */
final class Rng {

    private final Random random;

    Rng(Random random) {
        this.random = random;
    }

    double uniform() {
        return random.nextDouble();
    }

    double uniform(double a, double b) {
        return a + (b - a) * random.nextDouble();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    /** Standard normal. */
    double gaussian() {
        return random.nextGaussian();
    }

    /** Exponential with this mean. */
    double exp(double mean) {
        return -mean * StrictMath.log(1 - random.nextDouble());
    }

    /** Log-normal with this median and log-sigma. */
    double lognormalMedian(double median, double sigma) {
        return median * StrictMath.exp(sigma * random.nextGaussian());
    }

    /** Log-normal with this mean and log-sigma. */
    double lognormalMean(double mean, double sigma) {
        return lognormalMedian(mean / StrictMath.exp(sigma * sigma / 2), sigma);
    }

    /** An index drawn with these (not necessarily normalized) weights. */
    int weighted(double... weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double x = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** Seconds to milliseconds, at least 1 ms. */
    static long ms(double seconds) {
        return Math.max(1, Math.round(seconds * 1000));
    }
}
