package io.streamfix.simulation;

import io.streamfix.model.FixResult;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exact expected minutes and attempts of a policy on one case under the population's model, given
 * the reported facts: no sampling of fixes at all. A policy sees only which fixes failed, so from given
 * facts it follows one sequence of fixes until one helps; the expectation sums each step's mean minutes
 * times the probability that every fix before it failed, plus the escalation's times the probability
 * that all failed. Averaged over viewers it is the replay's figure without the noise of which fixes
 * happened to help (the replay's own mean converges to it).
 */
public final class ModelExpectation {
    private final Posterior posterior;

    public ModelExpectation(Population population) {
        this.posterior = new Posterior(population);
    }

    /**
     * Expected minutes and attempts.
     *
     * @param minutes  expected minutes to the end of the case, escalation included
     * @param attempts expected number of fixes tried
     */
    public record Expected(double minutes, double attempts) {
    }

    /** What following {@code policy} from {@code reported} (no fix tried yet) costs on average. */
    public Expected of(Policy policy, Symptoms reported) {
        double[] weights = posterior.ofFacts(reported);
        double start = Posterior.sum(weights);
        if (start <= 0) {
            return new Expected(posterior.escalationMinutes(), 0);
        }
        List<TriedFix> tried = new ArrayList<>();
        double minutes = 0;
        double attempts = 0;
        for (int step = 0; step <= Replay.MAX_ATTEMPTS; step++) {
            double alive = Posterior.sum(weights) / start;   // P(every fix so far failed | facts)
            Optional<String> next = policy.next(new Symptoms(reported.errorCode(), reported.device(),
                    reported.network(), reported.observations(), tried));
            int fix = next.map(posterior::fixIndex).orElse(-1);
            boolean repeated = next.isPresent() && tried.stream().anyMatch(t -> t.fix().equals(next.get()));
            if (fix < 0 || repeated || step == Replay.MAX_ATTEMPTS) {
                return new Expected(minutes + alive * posterior.escalationMinutes(), attempts);
            }
            minutes += alive * posterior.minutes(fix);
            attempts += alive;
            weights = posterior.afterFailure(weights, fix);
            tried.add(new TriedFix(next.get(), FixResult.FAILED));
        }
        throw new IllegalStateException("unreachable");
    }
}
