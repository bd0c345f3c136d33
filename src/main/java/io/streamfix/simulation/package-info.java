/**
 * Simulated viewers, and how fast advice resolves their error: the measuring instrument of the advice.
 *
 * <p>A {@link io.streamfix.simulation.Population} (read by {@link io.streamfix.simulation.PopulationReader})
 * is a generating model: base rates of the causes, P(value | cause) and P(reported) for each symptom
 * fact, P(resolves | cause) and minutes for each fix, and the escalation's minutes.
 * {@link io.streamfix.simulation.ViewerGenerator} draws seeded {@link io.streamfix.simulation.Viewer}s
 * from it; {@link io.streamfix.simulation.Replay} plays one through a
 * {@link io.streamfix.simulation.Policy} (streamfix's advice, the article's fixed order, or the
 * {@link io.streamfix.simulation.OptimalPolicy} that knows the model);
 * {@link io.streamfix.simulation.ReplayBenchmark} compares them on the same viewers, and
 * {@link io.streamfix.simulation.HistoryWriter} writes the cases as a ticket history.
 * {@link io.streamfix.simulation.PopulationRules} writes a rules folder with a population's true numbers,
 * so that a replay shows what the rules' structure loses when no number is wrong. The CLI is
 * {@code streamfix simulate}; the README's "Simulated viewers" documents the model and the file.
 */
package io.streamfix.simulation;
