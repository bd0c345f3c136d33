package io.streamfix.learning;

import io.streamfix.Troubleshooter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code streamfix calibrate}: fits a rules folder's numbers to a history and writes them into a new
 * folder, then evaluates both folders on the part of the history held back from the fit.
 *
 * <pre>{@code
 * CalibrationRun run = CalibrationRun.run(Path.of("rules"), history, Path.of("rules-calibrated"), 5);
 * run.changes().forEach(System.out::println);
 * }</pre>
 *
 * @param fit      what the EM found
 * @param changes  every number that changed, in file order
 * @param training tickets fitted on
 * @param before   the shipped folder's figures on the held-back tickets
 * @param after    the new folder's figures on the same tickets ({@code null} when none were held back)
 */
public record CalibrationRun(Calibration.Result fit, List<Change> changes, int training, int heldBack,
                             Evaluation.Figures before, Evaluation.Figures after) {

    /** One number rewritten: in which file, at which key path, from what to what. */
    public record Change(String file, List<String> path, double before, double after) {
        @Override
        public String toString() {
            return file + ": " + String.join(".", path) + ": " + DataFile.format(before) + " -> " + DataFile.format(after);
        }
    }

    /**
     * @param holdBackEvery every this-many-th ticket is held back for the before/after figures (0: none,
     *                      fit on all)
     */
    public static CalibrationRun run(Path rules, History history, Path target, int holdBackEvery) {
        return run(Troubleshooter.load(rules), rules, history, target, holdBackEvery);
    }

    /** As {@link #run(Path, History, Path, int)} with the rules already loaded from {@code rules}. */
    public static CalibrationRun run(Troubleshooter shipped, Path rules, History history, Path target, int holdBackEvery) {
        RulesData data = RulesData.read(rules);
        History.Split split = holdBackEvery >= 2 ? history.split(holdBackEvery) : new History.Split(history, new History(List.of()));
        List<Calibration.Observation> observations = observe(shipped, data.model(), split.training());
        Calibration.Result fit = Calibration.fit(data.model(), observations, Calibration.Prior.DEFAULT);
        data.writeCopy(target, fit.model(), comments(data.model(), fit));
        List<Change> changes = changes(data, RulesData.read(target));
        Evaluation.Figures before = null;
        Evaluation.Figures after = null;
        if (split.heldBack().size() > 0) {
            before = Evaluation.run(shipped, data, split.heldBack()).figures();
            after = Evaluation.run(Troubleshooter.load(target), RulesData.read(target), split.heldBack()).figures();
        }
        return new CalibrationRun(fit, changes, split.training().size(), split.heldBack().size(), before, after);
    }

    /** What each ticket shows the fit: the evidence rules the engine fires for its facts, and its attempts. */
    public static List<Calibration.Observation> observe(Troubleshooter troubleshooter, BeliefModel model, History history) {
        List<Ticket> tickets = history.tickets();
        Calibration.Observation[] observations = new Calibration.Observation[tickets.size()];
        IntStream.range(0, tickets.size()).parallel().forEach(i -> {
            Set<String> fired = new HashSet<>(troubleshooter.diagnose(tickets.get(i).facts()).rulesFired());
            fired.retainAll(model.evidenceRules());
            observations[i] = new Calibration.Observation(fired, tickets.get(i).attempts());
        });
        return List.of(observations);
    }

    private static Map<String, String> comments(BeliefModel shipped, Calibration.Result fit) {
        Map<String, String> comments = new LinkedHashMap<>();
        String tickets = fit.tickets() + " tickets";
        for (String cause : shipped.causes()) {
            comments.put(RulesData.key(List.of("causes", cause, "base_rate")), "calibrated from " + tickets
                    + " (was " + DataFile.format(shipped.baseRates().get(cause)) + ")");
        }
        shipped.resolves().forEach((fix, byCause) -> byCause.forEach((cause, p) ->
                comments.put(RulesData.key(List.of("fixes", fix, "resolves", cause)), "calibrated from " + tickets + ", "
                        + fit.attempts().getOrDefault(fix, 0) + " attempts of this fix (was " + DataFile.format(p) + ")")));
        shipped.minutes().forEach((fix, m) ->
                comments.put(RulesData.key(List.of("fixes", fix, "minutes")), "calibrated from "
                        + fit.timed().getOrDefault(fix, 0) + " timed attempts (was " + DataFile.format(m) + ")"));
        fit.model().likelihoods().forEach((rule, byCause) -> byCause.keySet().forEach(cause -> {
            Double was = shipped.likelihoods().getOrDefault(rule, Map.of()).get(cause);
            comments.put(RulesData.key(List.of(rule, cause)), "calibrated from " + tickets + ", fired in "
                    + fit.fired().getOrDefault(rule, 0) + (was == null ? " (added: the finding bears on this cause too; was 1)"
                    : " (was " + DataFile.format(was) + ")"));
        }));
        return comments;
    }

    private static List<Change> changes(RulesData before, RulesData after) {
        List<Change> changes = new ArrayList<>();
        BeliefModel a = before.model();
        BeliefModel b = after.model();
        for (String cause : a.causes()) {
            add(changes, RulesData.KNOWLEDGE, List.of("causes", cause, "base_rate"), a.baseRates().get(cause), b.baseRates().get(cause));
        }
        for (String fix : a.resolves().keySet()) {
            if (a.minutes().containsKey(fix)) {
                add(changes, RulesData.KNOWLEDGE, List.of("fixes", fix, "minutes"), a.minutes().get(fix), b.minutes().get(fix));
            }
            for (String cause : a.resolves().get(fix).keySet()) {
                add(changes, RulesData.KNOWLEDGE, List.of("fixes", fix, "resolves", cause), a.resolves(fix, cause), b.resolves(fix, cause));
            }
        }
        b.likelihoods().forEach((rule, byCause) -> byCause.keySet().forEach(cause ->
                add(changes, RulesData.LIKELIHOODS, List.of(rule, cause), a.likelihood(rule, cause), b.likelihood(rule, cause))));
        return changes;
    }

    private static void add(List<Change> changes, String file, List<String> path, Double before, Double after) {
        if (before != null && after != null && !before.equals(after)) {
            changes.add(new Change(file, path, before, after));
        }
    }
}
