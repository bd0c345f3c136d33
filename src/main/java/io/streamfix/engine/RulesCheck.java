package io.streamfix.engine;

import io.streamfix.input.Suggestions;
import io.streamfix.model.Fix;
import io.streamfix.model.KnownCause;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a rules folder the way {@code streamfix check} reports it: everything that stops it from
 * loading (DRL compile errors, wrong data), and what loads but cannot work as meant, read from the DRL
 * text: a fix or cause id a rule names that the data does not know, a cause no rule gives evidence
 * for, a rule name used twice, a rule outside the rule groups. Warnings (a fix without steps, a rule
 * without a comment saying where its knowledge comes from) do not stop the rules from loading.
 *
 * <pre>{@code
 * List<RuleProblem> problems = RulesCheck.run(Path.of("rules"));
 * problems.forEach(p -> System.out.println(p.format()));   // rules/plan.drl:12:5: ...
 * }</pre>
 */
public final class RulesCheck {
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");
    private static final Pattern GROUP = Pattern.compile("(?:ruleflow-group|agenda-group)\\s+\"([^\"]+)\"");
    private static final Pattern WHEN = Pattern.compile("(?m)^\\s*when\\b");
    private static final Pattern THEN = Pattern.compile("(?m)^\\s*then\\b");
    private static final Pattern END = Pattern.compile("(?m)^\\s*end\\b");
    /** What a consequence may do that truth maintenance cannot undo (insertLogical is the way to derive). */
    private static final Pattern UNDERIVED = Pattern.compile("\\b(insert|modify|update|delete|retract)\\s*\\(");
    /** Where a rule names a fix: {@code new NotApplicable("id", …)}, {@code fix == "id"}, … */
    private static final Pattern FIX_ID = Pattern.compile(
            "(?:new\\s+(?:NotApplicable|StepVariant|PlanStep|Resolution)\\s*\\(\\s*|\\bfix\\s*==\\s*)\"([^\"]+)\"");
    /** Where a rule names a cause for evidence: {@code likelihoods.evidence(drools, "id", …)} or {@code new Evidence("id", …)}. */
    private static final Pattern EVIDENCE = Pattern.compile(
            "(?:likelihoods\\s*\\.\\s*evidence\\s*\\(\\s*drools\\s*,|new\\s+Evidence\\s*\\()\\s*\"([^\"]+)\"");
    /** Where a rule takes the evidence of every cause listed under its name: {@code likelihoods.insertEvidence(drools, …)}. */
    private static final Pattern ALL_EVIDENCE = Pattern.compile("likelihoods\\s*\\.\\s*insertEvidence\\s*\\(\\s*drools\\b");
    /** Evidence whose λ comes from likelihoods.yaml. */
    private static final String FROM_TABLE = "likelihoods";
    private static final Pattern CAUSE_ID = Pattern.compile("\\bcause\\s*==\\s*\"([^\"]+)\"");

    private RulesCheck() {
    }

    /**
     * Every problem of the folder, errors and warnings, by file and line. The errors are exactly those
     * that stop {@link KnowledgeBase#load} (and so {@code diagnose}, {@code serve} and every reload): a
     * folder {@code check} calls broken never loads anywhere else.
     */
    public static List<RuleProblem> run(Path folder) {
        List<RuleProblem> problems = new ArrayList<>();
        try {
            problems.addAll(KnowledgeBase.load(folder).warnings());
        } catch (RulesException e) {
            problems.addAll(e.problems());
            problems.addAll(e.warnings());
        }
        problems.sort(IN_FILE_ORDER);
        return List.copyOf(problems);
    }

    static final Comparator<RuleProblem> IN_FILE_ORDER = Comparator.comparing(RuleProblem::file)
            .thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column);

    /**
     * What the DRL text of a folder says beyond what the compiler reports: ids the data lacks, rule names
     * used twice, rules outside the phases (errors), and the warnings. What {@link KnowledgeBase#load}
     * runs after compiling.
     *
     * @param knowledge     the folder's data, or {@code null} when it does not read (ids are not checked then)
     * @param likelihoods   the folder's likelihood ratios, or {@code null} when they do not read (their
     *                      problems are reported already)
     * @param compileErrors what the compiler and the data reader found: a line they already report is
     *                      not reported twice
     */
    static List<RuleProblem> textProblems(Path folder, List<Path> drlFiles, Knowledge knowledge,
                                          Likelihoods likelihoods, List<RuleProblem> compileErrors) {
        List<RuleProblem> problems = new ArrayList<>();
        if (drlFiles.isEmpty()) {
            problems.add(RuleProblem.error(folder.toString(), 0, 0, "no .drl files: there are no rules"));
        }
        for (RuleProblem found : new Reading(drlFiles, knowledge, likelihoods,
                folder.resolve(Knowledge.FILE_NAME), folder.resolve(Likelihoods.FILE_NAME)).problems()) {
            // Where the compiler already reported an error on the same line, its word is enough.
            boolean known = compileErrors.stream().anyMatch(p -> p.file().equals(found.file()) && p.line() == found.line());
            if (found.warning() || !known) {
                problems.add(found);
            }
        }
        return problems;
    }

    /** Whether any of the problems is an error (not a warning). */
    public static boolean hasErrors(List<RuleProblem> problems) {
        return problems.stream().anyMatch(p -> !p.warning());
    }

    /** One pass over the DRL text of a folder. */
    private static final class Reading {
        private final List<Path> drlFiles;
        private final Knowledge knowledge;
        private final Likelihoods likelihoods;
        private final Path dataFile;
        private final Path likelihoodsFile;
        private final List<RuleProblem> problems = new ArrayList<>();
        /** The (rule, cause) pairs whose λ the rules take from the likelihoods file. */
        private final Set<String> pairsUsed = new HashSet<>();

        Reading(List<Path> drlFiles, Knowledge knowledge, Likelihoods likelihoods, Path dataFile, Path likelihoodsFile) {
            this.drlFiles = drlFiles;
            this.knowledge = knowledge;
            this.likelihoods = likelihoods;
            this.dataFile = dataFile;
            this.likelihoodsFile = likelihoodsFile;
        }

        List<RuleProblem> problems() {
            Map<String, String> firstRule = new HashMap<>();
            for (Path file : drlFiles) {
                String text = read(file);
                rules(file, text, firstRule);
                references(file, text);
            }
            if (knowledge != null) {
                data();
            }
            if (likelihoods != null) {
                unusedRatios(firstRule.keySet());
            }
            return problems;
        }

        private void rules(Path file, String text, Map<String, String> firstRule) {
            Matcher rule = RULE.matcher(text);
            while (rule.find()) {
                String name = rule.group(1);
                String where = file + ":" + line(text, rule.start(1));
                String earlier = firstRule.putIfAbsent(name, where);
                if (earlier != null) {
                    problems.add(at(file, text, rule.start(1), "rule \"" + name + "\" is defined twice (first at "
                            + earlier + "); rule names must be unique", false));
                }
                Matcher when = WHEN.matcher(text);
                String header = when.find(rule.end()) ? text.substring(rule.end(), when.start()) : "";
                Matcher group = GROUP.matcher(header);
                if (!group.find()) {
                    problems.add(at(file, text, rule.start(1), "rule \"" + name + "\" has no ruleflow-group; it would "
                            + "run outside the phases (one of " + String.join(", ", Inference.PHASES) + ")", false));
                } else if (!Inference.PHASES.contains(group.group(1))) {
                    problems.add(at(file, text, rule.start(1), "rule \"" + name + "\" is in ruleflow-group \"" + group.group(1)
                            + "\", which never runs; the groups are " + String.join(", ", Inference.PHASES), false));
                }
                Matcher then = THEN.matcher(text);
                Matcher end = END.matcher(text);
                if (then.find(rule.end()) && end.find(then.end())) {
                    Matcher action = UNDERIVED.matcher(text).region(then.end(), end.start());
                    if (action.find()) {
                        problems.add(at(file, text, action.start(1), "rule \"" + name + "\" uses " + action.group(1)
                                + "(): derive facts with insertLogical instead, so that a fact goes when what it "
                                + "followed from goes; otherwise questions are ranked with a fresh run per answer, "
                                + "several times slower (see rules/README.md)", true));
                    }
                }
                if (!commentAbove(text, rule.start())) {
                    problems.add(at(file, text, rule.start(1), "rule \"" + name + "\" has no comment above it saying "
                            + "which part of the article (or which other source) it encodes", true));
                }
            }
        }

        private void references(Path file, String text) {
            if (knowledge == null) {
                return;
            }
            Matcher fix = FIX_ID.matcher(text);
            while (fix.find()) {
                if (!knowledge.fixes().containsKey(fix.group(1))) {
                    problems.add(at(file, text, fix.start(1), "fix \"" + fix.group(1) + "\" is not in "
                            + Knowledge.FILE_NAME + didYouMean(fix.group(1), knowledge.fixes().keySet())
                            + "; known fixes: " + String.join(", ", knowledge.fixes().keySet()), false));
                }
            }
            Matcher evidence = EVIDENCE.matcher(text);
            while (evidence.find()) {
                String cause = evidence.group(1);
                if (!knowledge.causes().containsKey(cause)) {
                    problems.add(unknownCause(file, text, evidence.start(1), cause));
                } else if (evidence.group().startsWith(FROM_TABLE)) {
                    String rule = ruleAt(text, evidence.start());
                    pairsUsed.add(rule + "\n" + cause);
                    if (likelihoods != null && rule != null && likelihoods.of(rule, cause) == null) {
                        problems.add(at(file, text, evidence.start(1), "rule \"" + rule + "\" gives evidence for \""
                                + cause + "\" but " + Likelihoods.FILE_NAME + " has no likelihood ratio for it: add \""
                                + cause + ": <ratio>  # <its source>\" under \"" + rule + ":\"", false));
                    }
                }
            }
            Matcher all = ALL_EVIDENCE.matcher(text);
            while (all.find()) {
                String rule = ruleAt(text, all.start());
                if (likelihoods == null || rule == null) {
                    continue;
                }
                Map<String, Double> ratios = likelihoods.byRule().get(rule);
                if (ratios == null) {
                    problems.add(at(file, text, all.start(), "rule \"" + rule + "\" gives evidence for the causes "
                            + Likelihoods.FILE_NAME + " lists under its name, but the file has no entry for it: add \""
                            + rule + ":\" with a line \"<cause>: <ratio>  # <its source>\" for each cause it bears on", false));
                } else {
                    ratios.keySet().forEach(listed -> pairsUsed.add(rule + "\n" + listed));
                }
            }
            Matcher cause = CAUSE_ID.matcher(text);
            while (cause.find()) {
                if (!knowledge.causes().containsKey(cause.group(1))) {
                    problems.add(unknownCause(file, text, cause.start(1), cause.group(1)));
                }
            }
        }

        /** The name of the rule whose text contains {@code offset}, or null outside any rule. */
        private static String ruleAt(String text, int offset) {
            String name = null;
            Matcher rule = RULE.matcher(text);
            while (rule.find() && rule.start() < offset) {
                name = rule.group(1);
            }
            return name;
        }

        private RuleProblem unknownCause(Path file, String text, int offset, String cause) {
            return at(file, text, offset, "cause \"" + cause + "\" is not in " + Knowledge.FILE_NAME
                    + didYouMean(cause, knowledge.causes().keySet())
                    + "; known causes: " + String.join(", ", knowledge.causes().keySet()), false);
        }

        private static String didYouMean(String typed, Set<String> known) {
            return Suggestions.closest(typed, known).map(s -> " — did you mean \"" + s + "\"?").orElse("");
        }

        /** A λ in the likelihoods file that no rule takes: its rule names other causes (or is gone). */
        private void unusedRatios(Set<String> rules) {
            YamlPositions positions = null;
            for (Map.Entry<String, Map<String, Double>> rule : likelihoods.byRule().entrySet()) {
                if (!rules.contains(rule.getKey())) {
                    continue; // no such rule: the load reports the name, with a close match
                }
                for (String cause : rule.getValue().keySet()) {
                    if (!pairsUsed.contains(rule.getKey() + "\n" + cause)) {
                        positions = positions == null ? YamlPositions.of(read(likelihoodsFile)) : positions;
                        problems.add(positions.problem(likelihoodsFile.toString(), rule.getKey() + "." + cause,
                                "rule \"" + rule.getKey() + "\" gives no evidence for \"" + cause
                                        + "\" (no likelihoods.evidence(drools, \"" + cause + "\", …) in it), so this number is never used", true));
                    }
                }
            }
        }

        private void data() {

            YamlPositions positions = YamlPositions.of(read(dataFile));
            String file = dataFile.toString();
            double total = knowledge.causes().values().stream().mapToDouble(KnownCause::baseRate).sum();
            if (total <= 0) {
                problems.add(positions.problem(file, "causes", "the base rates add up to 0: no cause could ever be diagnosed", false));
            } else if (Math.abs(total - 1) > 0.01) {
                problems.add(positions.problem(file, "causes", String.format(java.util.Locale.ROOT, "the base rates add "
                        + "up to %.3f, not 1: they are used as relative weights (normalised), but a rule author reads them as probabilities", total), true));
            }
            for (Fix fix : knowledge.fixes().values()) {
                if (fix.steps().isEmpty()) {
                    problems.add(positions.problem(file, "fixes." + fix.id(), "no steps: the viewer is told what to do "
                            + "but not how", true));
                }
                if (fix.why().isBlank()) {
                    problems.add(positions.problem(file, "fixes." + fix.id(), "no \"why\": say why the fix works", true));
                }
            }
        }

        private RuleProblem at(Path file, String text, int offset, String message, boolean warning) {
            int line = line(text, offset);
            int column = offset - text.lastIndexOf('\n', offset - 1);
            return new RuleProblem(file.toString(), line, column, message, warning);
        }

        private static int line(String text, int offset) {
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        /** Whether the line right above a rule (ignoring blank lines) is a comment. */
        private static boolean commentAbove(String text, int ruleStart) {
            String before = text.substring(0, ruleStart).stripTrailing();
            int lineStart = before.lastIndexOf('\n') + 1;
            String previous = before.substring(lineStart).strip();
            return previous.startsWith("//") || previous.endsWith("*/");
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
