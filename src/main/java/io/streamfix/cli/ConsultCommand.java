package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.cases.CaseRecord;
import io.streamfix.cases.CaseStore;
import io.streamfix.cases.CaseStoreException;
import io.streamfix.consultation.Consultation;
import io.streamfix.engine.RuleFault;
import io.streamfix.output.Printable;
import io.streamfix.model.Cause;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.FixAdvice;
import io.streamfix.model.Question;
import io.streamfix.model.Symptoms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.model.DeviceType;
import io.streamfix.model.Fix;
import io.streamfix.model.FixResult;
import io.streamfix.model.Status;
import io.streamfix.model.TriedFix;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code streamfix consult [FILE]}: an interactive consultation on the terminal. The console I/O lives
 * here; the consultation itself (facts, history, what to ask) in {@link Consultation}.
 */
@Command(name = "consult", mixinStandardHelpOptions = true,
        description = {"Runs an interactive consultation, one question at a time.",
                "",
                "Asks the question whose answer matters most, re-diagnoses after each answer and shows the "
                + "likeliest cause and the next fix; when nothing is left to ask, proposes the fixes one by one "
                + "and asks whether each helped, until the error is resolved or the case goes to Netflix support.",
                "",
                "At any question you can type: why (why it is asked), skip, back (undo), quit. Reads answers from "
                + "standard input, so it also runs from a script or a pipe."},
        footer = {"", "Examples:",
                "  streamfix consult",
                "  streamfix consult facts/nothing-known.yaml --save my-case.yaml",
                "  printf 'yes\\nno\\n' | streamfix consult --save case.yaml",
                "", "--save writes the facts gathered (on finishing, quitting or at the end of input) as a symptom "
                + "file: streamfix diagnose reads it.",
                "", "Exit codes: 0 done (also after quit or at the end of input), 2 bad input or usage, 3 rules broken, or a "
                + "rule failed or ran past --time-budget (named; the facts gathered are still saved with --save)."})
public final class ConsultCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1",
            description = "A YAML symptom file to start from (default: nothing known).")
    Path file;

    @Option(names = "--save", paramLabel = "OUT.yaml",
            description = "Write the facts gathered to this symptom file when the consultation ends.")
    Path save;

    @Mixin
    RulesOption rules;

    @Mixin
    CasesOption cases;

    @Mixin
    TimeBudgetOption timeBudget;

    @Option(names = "--case", paramLabel = "ID",
            description = "Carry on with the kept case ID (from the --cases store) instead of a FILE.")
    String caseId;

    private CaseLog log = CaseLog.none();

    @Spec
    CommandSpec spec;

    private Dialogue out;
    private boolean quit;
    /** The details asked once each, outside the ranked questions (see {@link #detail}). */
    private final Set<String> detailsAsked = new HashSet<>();

    @Override
    public Integer call() throws IOException {
        checkSavePath(); // before the first question: answers must never be lost at the end
        Troubleshooter troubleshooter = rules.load();
        if (caseId != null && (file != null || !cases.given())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), file != null
                    ? "give a FILE or --case ID, not both" : "--case needs the store it is kept in: --cases DB (or STREAMFIX_CASES)");
        }
        Symptoms start = file == null ? new Symptoms(null, null, null, null, null) : troubleshooter.read(file).symptoms();
        String keeping = null;
        if (cases.given()) {
            CaseStore store = cases.open();
            if (caseId != null) {
                CaseRecord kept = store.find(caseId).orElseThrow(() -> {
                    store.close();
                    return new CaseStoreException.NoSuchCase(caseId);
                });
                start = troubleshooter.reader().fromMap("case " + caseId, kept.document()).symptoms();
                log = CaseLog.resume(store, troubleshooter, kept, timeBudget.budget());
                keeping = "Carrying on with case " + caseId + " (" + kept.status().label() + ", " + kept.steps().size()
                        + " steps so far), kept in " + store.describe() + ".";
            } else {
                log = CaseLog.open(store, troubleshooter, io.streamfix.input.SymptomDocument.toMap(start), timeBudget.budget());
                keeping = "Keeping this consultation as case " + log.id() + " in " + store.describe()
                        + " (streamfix consult --case " + log.id() + " carries on with it).";
            }
        }
        Instant started = Instant.now();
        try (CaseLog closing = log; Dialogue dialogue = Dialogue.open(System.in, spec.commandLine().getOut())) {
            out = dialogue;
            if (keeping != null) {
                out.say(keeping);
            }
            return consult(troubleshooter, new Consultation(troubleshooter, start, timeBudget.budget()), started);
        }
    }

    private int consult(Troubleshooter troubleshooter, Consultation consultation, Instant started) throws IOException {

        out.say("streamfix consultation for " + consultation.diagnosis().errorCode()
                + ". Answer each question; you can also type why, skip, back or quit.");
        showState(consultation.diagnosis());
        int exitCode = ExitCode.OK;
        try {
            boolean ended = run(consultation);
            if (!ended) {
                out.say();
                out.say("End of input: the consultation stopped before it finished.");
            }
            summary(troubleshooter, consultation, Duration.between(started, Instant.now()));
        } catch (RuleFault e) {
            // A rule failed or ran past --time-budget: stop, but keep every answer given (--save below).
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + Printable.escape(e.getMessage()));
            err.println("error: the consultation stops here" + (save == null ? ""
                    : "; the facts gathered, the last answer included, are saved to " + save));
            err.flush();
            exitCode = ExitCode.RULES_BROKEN;
        }
        if (save != null) {
            try {
                Files.writeString(save, consultation.toYaml(), StandardCharsets.UTF_8);
                out.say("Saved the facts gathered to " + save + " (streamfix diagnose " + save + " reads it).");
            } catch (IOException e) {
                // The path was fine at the start; the answers are printed rather than lost.
                PrintWriter err = spec.commandLine().getErr();
                err.println("error: cannot write " + save + " (" + Printable.escape(io.streamfix.input.FileFailure.reason(e))
                        + "); the facts gathered follow on standard output, as a symptom file");
                err.flush();
                out.say();
                out.print(consultation.toYaml());
                exitCode = Math.max(exitCode, ExitCode.BAD_INPUT);
            }
        }
        return exitCode;
    }

    /** What was found, what was tried, what fixed it and how long it took: the end of every consultation. */
    private void summary(Troubleshooter troubleshooter, Consultation consultation, Duration took) {
        Diagnosis diagnosis = consultation.diagnosis();
        Map<String, Fix> fixes = troubleshooter.knowledgeBase().knowledge().fixes();
        List<TriedFix> tried = consultation.symptoms().tried();
        Cause top = diagnosis.topCause();
        out.say();
        out.say("Summary");
        out.say("  Found: " + (top == null ? "no likely cause" : Math.round(top.confidence() * 100) + "% " + top.title()));
        out.say("  Tried: " + (tried.isEmpty() ? "nothing yet" : tried.stream()
                .map(t -> title(fixes, t.fix()) + (t.result() == FixResult.HELPED ? " (fixed it)" : " (did not help)"))
                .collect(Collectors.joining("; "))));
        out.say("  Fixed by: " + (diagnosis.resolvedBy() != null ? diagnosis.resolvedBy().title()
                : diagnosis.status() == Status.ESCALATE ? "nothing; contact " + diagnosis.escalation().to()
                : "not fixed yet"));
        long seconds = took.toSeconds();
        out.say("  Took: " + (seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s"));
    }

    private static String title(Map<String, Fix> fixes, String id) {
        Fix fix = fixes.get(id);
        return fix == null ? id : fix.title();
    }

    /** A --save path that could not be written is refused before anything is asked (exit code 2). */
    private void checkSavePath() {
        if (save == null) {
            return;
        }
        Path folder = save.toAbsolutePath().getParent();
        String problem = Files.isDirectory(save) ? "it is a folder; name a file in it, e.g. " + save.resolve("case.yaml")
                : !Files.isDirectory(folder) ? "the folder " + folder + " does not exist"
                : !Files.isWritable(folder) || (Files.exists(save) && !Files.isWritable(save)) ? "it cannot be written"
                : null;
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), "--save " + save + ": " + problem);
        }
    }

    /** Runs until the case ends or the viewer quits (true), or the input ends (false). */
    private boolean run(Consultation consultation) throws IOException {
        while (true) {
            switch (consultation.step()) {
                case RESOLVED -> {
                    out.say();
                    out.say("Resolved: glad it works again.");
                    return true;
                }
                case ESCALATE -> {
                    // The checklist names the device and the provider: ask for them while the viewer is here.
                    Symptoms known = consultation.symptoms();
                    if (known.device().type() == null && detail(consultation, DEVICE_TYPE)
                            || known.device().model() == null && detail(consultation, MODEL)
                            || known.network().internetProvider() == null && detail(consultation, PROVIDER)) {
                        continue;
                    }
                    if (quit) {
                        break;
                    }
                    Diagnosis diagnosis = consultation.diagnosis();
                    out.say();
                    out.say("No fix left is worth its minutes against escalating (" + minutes(diagnosis.expectedMinutes())
                            + "). Contact " + diagnosis.escalation().to() + ". Have ready:");
                    diagnosis.escalation().prepare().forEach(item -> out.say("  - " + item));
                    return true;
                }
                case STUCK -> {
                    out.say();
                    out.say("Every fix left was skipped. Come back when you can try one of them.");
                    return true;
                }
                case QUESTION -> {
                    Question question = consultation.question().orElseThrow();
                    String reply = ask(question.text() + " [" + Consultation.choices(question) + "]");
                    if (reply == null) {
                        return false;
                    }
                    if (!command(reply, consultation, () -> why(consultation, question))) {
                        Optional<String> answer = Consultation.normalize(question, reply);
                        if (answer.isPresent()) {
                            consultation.answer(answer.get());
                            log.answered(question.fact(), answer.get());
                            showState(consultation.diagnosis());
                        } else {
                            out.say("  Please answer " + String.join(", ", question.answers())
                                    + ", or type why, skip, back or quit.");
                        }
                    }
                }
                case FIX -> {
                    // The steps depend on the device: ask for its type before the first fix, unless the
                    // viewer just skipped that very question.
                    if (consultation.symptoms().device().type() == null && !consultation.skipped(DEVICE_TYPE.fact())
                            && detail(consultation, DEVICE_TYPE)) {
                        continue;
                    }
                    if (quit) {
                        break;
                    }
                    FixAdvice fix = consultation.fix().orElseThrow();
                    showFix(fix);
                    log.fixShown(fix.id());
                    String reply = ask("Did it fix the error? [yes/no]");
                    if (reply == null) {
                        return false;
                    }
                    if (!command(reply, consultation, () -> out.say("  Why it works: " + fix.why() + " It takes about "
                            + minutes(fix.minutes()) + " and ends the error " + Math.round(fix.chance() * 100)
                            + "% of the time in a case like this one."))) {
                        String typed = reply.strip().toLowerCase(Locale.ROOT);
                        if (List.of("yes", "y").contains(typed) || List.of("no", "n").contains(typed)) {
                            consultation.fixTried(typed.startsWith("y"));
                            log.tried(fix.id(), typed.startsWith("y"));
                            if (typed.startsWith("n")) {
                                showState(consultation.diagnosis());
                            }
                        } else {
                            out.say("  Please answer yes or no, or type why, skip, back or quit.");
                        }
                    }
                }
            }
            if (quit) {
                out.say("Stopped. The facts gathered so far are kept" + (save == null ? " only with --save." : "."));
                return true;
            }
        }
    }

    /** Handles why, skip, back and quit; false when the reply is none of them. */
    private boolean command(String reply, Consultation consultation, Runnable why) {
        switch (reply.strip().toLowerCase(Locale.ROOT)) {
            case "why", "?" -> why.run();
            case "skip" -> {
                consultation.skip();
                log.skipped();
                out.say("  Skipped.");
            }
            case "back" -> {
                if (consultation.back()) {
                    log.back();
                    out.say("  Back one step.");
                    showState(consultation.diagnosis());
                } else {
                    out.say("  Nothing to go back to.");
                }
            }
            case "quit", "exit" -> quit = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Asks after an empty line; null at the end of input. */
    private String ask(String prompt) throws IOException {
        out.say();
        return out.ask(prompt);
    }

    /** A detail outside the ranked questions: its fact, its prompt and what it accepts (null: free text). */
    private record Detail(String fact, String prompt, List<String> choices) {
    }

    private static final Detail DEVICE_TYPE = new Detail("device.type", "What kind of device shows the error?",
            Arrays.stream(DeviceType.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
    private static final Detail MODEL = new Detail("device.model",
            "Which model is it (e.g. LG C2, Roku Express)? Netflix support will ask.", null);
    private static final Detail PROVIDER = new Detail("network.isp",
            "Which internet provider do you use? Netflix support will ask.", null);

    /**
     * Asks for a detail once (skip, or an empty reply, leaves it unknown); true when the consultation
     * changed (the detail was given, or back was typed), so that the caller looks at it again.
     */
    private boolean detail(Consultation consultation, Detail detail) throws IOException {
        if (!detailsAsked.add(detail.fact())) {
            return false;
        }
        while (true) {
            String reply = ask(detail.prompt() + (detail.choices() == null ? "" : " [" + String.join("/", detail.choices()) + "]"));
            String typed = reply == null ? "quit" : reply.strip();
            switch (typed.toLowerCase(Locale.ROOT)) {
                case "", "skip", "?" -> {
                    return false;
                }
                case "quit", "exit" -> {
                    quit = true;
                    return false;
                }
                case "back" -> {
                    detailsAsked.remove(detail.fact());
                    boolean back = consultation.back();
                    if (back) {
                        log.back();
                        out.say("  Back one step.");
                    }
                    return back;
                }
                default -> {
                    String value = detail.choices() == null ? typed : typed.toLowerCase(Locale.ROOT).replace(' ', '_');
                    if (detail.choices() != null && !detail.choices().contains(value)) {
                        out.say("  Please answer one of " + String.join(", ", detail.choices()) + ", or type skip.");
                        continue;
                    }
                    try {
                        consultation.detail(detail.fact(), value);
                        log.answered(detail.fact(), value);
                    } catch (InvalidSymptomsException e) {
                        out.say("  " + e.problems().get(0).message() + "; try again, or type skip.");
                        continue;
                    }
                    showState(consultation.diagnosis());
                    return true;
                }
            }
        }
    }

    /** Why a question is asked: its reason, and what each answer would make of the case. */
    private void why(Consultation consultation, Question question) {
        out.say("  " + question.why());
        for (String answer : question.answers()) {
            Diagnosis outcome = consultation.whatIf(answer);
            String causes = outcome.causes().stream().limit(3)
                    .map(c -> c.id() + " " + Math.round(c.confidence() * 100) + "%")
                    .collect(java.util.stream.Collectors.joining(", "));
            out.say("  If " + answer + ": " + (outcome.nextFix() == null ? summary(outcome)
                    : "next fix: " + outcome.nextFix().title()) + ", expected " + minutes(outcome.expectedMinutes())
                    + " to resolution" + (causes.isEmpty() ? "" : " (" + causes + ")"));
        }
    }

    private static String minutes(Double value) {
        return value == null ? "unknown" : io.streamfix.output.TextOutput.minutes(value);
    }

    private void showState(Diagnosis diagnosis) {
        out.say("  Now: " + summary(diagnosis));
    }

    private static String summary(Diagnosis diagnosis) {
        Cause top = diagnosis.topCause();
        String cause = top == null ? "no likely cause yet"
                : "likeliest cause " + Math.round(top.confidence() * 100) + "% " + top.title();
        String next = switch (diagnosis.status()) {
            case RESOLVED -> "resolved";
            case ESCALATE -> "escalate to " + diagnosis.escalation().to();
            case IN_PROGRESS -> "next fix: " + diagnosis.nextFix().title() + " (" + minutes(diagnosis.nextFix().minutes())
                    + ", " + Math.round(diagnosis.nextFix().chance() * 100) + "% chance; expected "
                    + minutes(diagnosis.expectedMinutes()) + " to resolution)";
        };
        return cause + "; " + next + ".";
    }

    private void showFix(FixAdvice fix) {
        out.say();
        out.say("Try this fix: " + fix.title() + (fix.risky() ? "  (risky: only if you are comfortable doing it)" : ""));
        for (int i = 0; i < fix.steps().size(); i++) {
            out.say("  " + (i + 1) + ". " + fix.steps().get(i));
        }
    }
}
