package io.streamfix.simulation;

import java.util.SplittableRandom;

/**
 * How long something takes, in minutes: a mean and a spread (standard deviation). Sampled from a
 * log-normal distribution with that mean and spread, so a time is never negative and a few attempts
 * take much longer than typical (a router that needs setting up again), as times to do a task do.
 * A spread of 0 gives the mean every time.
 *
 * @param mean the mean, in minutes (&gt; 0)
 * @param sd   the standard deviation, in minutes (&gt;= 0)
 */
public record Minutes(double mean, double sd) {

    public Minutes {
        if (!(mean > 0) || !(sd >= 0) || Double.isInfinite(mean) || Double.isInfinite(sd)) {
            throw new IllegalArgumentException("minutes need a mean > 0 and a spread >= 0: " + mean + ", " + sd);
        }
    }

    /** A sample; consumes exactly two numbers of {@code random}, whatever the spread. */
    public double sample(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        if (sd == 0) {
            return mean;
        }
        // Box-Muller from two uniforms, so the number of draws per sample is fixed (common random numbers).
        double normal = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        double sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
        double mu = Math.log(mean) - sigma2 / 2;
        return Math.exp(mu + Math.sqrt(sigma2) * normal);
    }
}
