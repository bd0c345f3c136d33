package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.consultation.Consultation;
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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
                "", "Exit codes: 0 done (also after quit or at the end of input), 2 bad input or usage, 3 rules broken."})
public final class ConsultCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1",
            description = "A YAML symptom file to start from (default: nothing known).")
    Path file;

    @Option(names = "--save", paramLabel = "OUT.yaml",
            description = "Write the facts gathered to this symptom file when the consultation ends.")
    Path save;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private boolean quit;
    private BufferedReader in;
    /** Piped input is not shown by a terminal: echo it, so that the transcript reads like a dialogue. */
    private final boolean echo = System.console() == null;

    @Override
    public Integer call() throws IOException {
        checkSavePath(); // before the first question: answers must never be lost at the end
        Troubleshooter troubleshooter = rules.load();
        Symptoms start = file == null ? new Symptoms(null, null, null, null, null) : troubleshooter.read(file).symptoms();
        out = spec.commandLine().getOut();
        in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Consultation consultation = new Consultation(troubleshooter, start);

        out.println("streamfix consultation for " + consultation.diagnosis().errorCode()
                + ". Answer each question; you can also type why, skip, back or quit.");
        showState(consultation.diagnosis());
        boolean ended = run(consultation);
        if (!ended) {
            out.println();
            out.println("End of input: the consultation stopped before it finished.");
        }
        int exitCode = ExitCode.OK;
        if (save != null) {
            try {
                Files.writeString(save, consultation.toYaml(), StandardCharsets.UTF_8);
                out.println("Saved the facts gathered to " + save + " (streamfix diagnose " + save + " reads it).");
            } catch (IOException e) {
                // The path was fine at the start; the answers are printed rather than lost.
                PrintWriter err = spec.commandLine().getErr();
                err.println("error: cannot write " + save + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + "); the facts gathered follow on standard output, as a symptom file");
                err.flush();
                out.println();
                out.print(consultation.toYaml());
                exitCode = ExitCode.BAD_INPUT;
            }
        }
        out.flush();
        return exitCode;
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
                    out.println();
                    out.println("Resolved: glad it works again.");
                    return true;
                }
                case ESCALATE -> {
                    Diagnosis diagnosis = consultation.diagnosis();
                    out.println();
                    out.println("Nothing left to try. Contact " + diagnosis.escalation().to() + ". Have ready:");
                    diagnosis.escalation().prepare().forEach(item -> out.println("  - " + item));
                    return true;
                }
                case STUCK -> {
                    out.println();
                    out.println("Every fix left was skipped. Come back when you can try one of them.");
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
                            showState(consultation.diagnosis());
                        } else {
                            out.println("  Please answer " + String.join(", ", question.answers())
                                    + ", or type why, skip, back or quit.");
                        }
                    }
                }
                case FIX -> {
                    FixAdvice fix = consultation.fix().orElseThrow();
                    showFix(fix);
                    String reply = ask("Did it fix the error? [yes/no]");
                    if (reply == null) {
                        return false;
                    }
                    if (!command(reply, consultation, () -> out.println("  Why it works: " + fix.why()))) {
                        String typed = reply.strip().toLowerCase(Locale.ROOT);
                        if (List.of("yes", "y").contains(typed) || List.of("no", "n").contains(typed)) {
                            consultation.fixTried(typed.startsWith("y"));
                            if (typed.startsWith("n")) {
                                showState(consultation.diagnosis());
                            }
                        } else {
                            out.println("  Please answer yes or no, or type why, skip, back or quit.");
                        }
                    }
                }
            }
            if (quit) {
                out.println("Stopped. The facts gathered so far are kept" + (save == null ? " only with --save." : "."));
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
                out.println("  Skipped.");
            }
            case "back" -> {
                if (consultation.back()) {
                    out.println("  Back one step.");
                    showState(consultation.diagnosis());
                } else {
                    out.println("  Nothing to go back to.");
                }
            }
            case "quit", "exit" -> quit = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Asks on the terminal; null at the end of input. */
    private String ask(String prompt) throws IOException {
        out.println();
        out.print(prompt + " > ");
        out.flush();
        String line = in.readLine();
        if (line != null && echo) {
            out.println(line);
        }
        return line;
    }

    /** Why a question is asked: its reason, and what each answer would make of the case. */
    private void why(Consultation consultation, Question question) {
        out.println("  " + question.why());
        for (String answer : question.answers()) {
            Diagnosis outcome = consultation.whatIf(answer);
            String causes = outcome.causes().stream().limit(3)
                    .map(c -> c.id() + " " + Math.round(c.confidence() * 100) + "%")
                    .collect(java.util.stream.Collectors.joining(", "));
            out.println("  If " + answer + ": " + (outcome.nextFix() == null ? summary(outcome)
                    : "next fix: " + outcome.nextFix().title()) + (causes.isEmpty() ? "" : " (" + causes + ")"));
        }
    }

    private void showState(Diagnosis diagnosis) {
        out.println("  Now: " + summary(diagnosis));
    }

    private static String summary(Diagnosis diagnosis) {
        Cause top = diagnosis.topCause();
        String cause = top == null ? "no likely cause yet"
                : "likeliest cause " + Math.round(top.confidence() * 100) + "% " + top.title();
        String next = switch (diagnosis.status()) {
            case RESOLVED -> "resolved";
            case ESCALATE -> "escalate to " + diagnosis.escalation().to();
            case IN_PROGRESS -> "next fix: " + diagnosis.nextFix().title();
        };
        return cause + "; " + next + ".";
    }

    private void showFix(FixAdvice fix) {
        out.println();
        out.println("Try this fix: " + fix.title() + (fix.risky() ? "  (risky: only if you are comfortable doing it)" : ""));
        for (int i = 0; i < fix.steps().size(); i++) {
            out.println("  " + (i + 1) + ". " + fix.steps().get(i));
        }
    }
}
