package io.streamfix.learning;

import java.util.Locale;

/** {@link Evaluation.Figures} as a short table for people: what {@code streamfix evaluate} prints. */
public final class FiguresText {
    private FiguresText() {
    }

    /** The headline figures, one per line. */
    public static String render(Evaluation.Figures f) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d tickets, %d resolved (a fix helped), %d abandoned%n",
                f.tickets(), f.resolved(), f.tickets() - f.resolved()));
        out.append(String.format(Locale.ROOT, "  first-fix hit rate        %5.1f%%  (the advice's first fix is the one that helped)%n",
                100 * f.firstFixHitRate()));
        out.append(String.format(Locale.ROOT, "  rank of the fix that helped %s%n", f.helpedRank()));
        out.append(String.format(Locale.ROOT, "  replay: attempts %.2f, minutes %.1f per ticket; resolved %.1f%%, escalated %.1f%%%n",
                f.meanAttempts(), f.meanMinutes(), 100 * f.replayResolved(), 100 * f.escalated()));
        out.append(String.format(Locale.ROOT, "  as recorded: attempts %.2f, minutes %.1f per ticket%n",
                f.observedAttempts(), f.observedMinutes()));
        out.append(String.format(Locale.ROOT, "  calibration: Brier %.4f, log loss %.4f%n", f.brier(), f.logLoss()));
        out.append(String.format(Locale.ROOT, "%n  %-24s %8s %10s %9s%n", "fix", "attempts", "predicted", "observed"));
        for (Evaluation.FixFigures fix : f.fixes()) {
            out.append(String.format(Locale.ROOT, "  %-24s %8d %9.1f%% %8.1f%%%n", fix.fix(), fix.attempts(),
                    100 * fix.meanChance(), 100 * fix.observed()));
        }
        out.append(String.format(Locale.ROOT, "%n  %-62s %7s %9s %9s %8s%n", "evidence rule", "tickets", "1st hit",
                "its cause", "minutes"));
        for (Evaluation.RuleFigures rule : f.rules()) {
            out.append(String.format(Locale.ROOT, "  %-62s %7d %8.1f%% %8.1f%% %8.1f%n", shorten(rule.rule(), 62),
                    rule.tickets(), 100 * rule.firstFixHits(), 100 * rule.namedHelped(), rule.meanMinutes()));
        }
        return out.toString();
    }

    /** Two evaluations side by side: the headline figures before and after a change. */
    public static String sideBySide(String leftName, Evaluation.Figures left, String rightName, Evaluation.Figures right) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  %-28s %12s %12s%n", "", leftName, rightName));
        row(out, "tickets", left.tickets(), right.tickets(), "%.0f");
        row(out, "first-fix hit rate (%)", 100 * left.firstFixHitRate(), 100 * right.firstFixHitRate(), "%.1f");
        row(out, "attempts per ticket", left.meanAttempts(), right.meanAttempts(), "%.2f");
        row(out, "minutes per ticket", left.meanMinutes(), right.meanMinutes(), "%.1f");
        row(out, "replay resolved (%)", 100 * left.replayResolved(), 100 * right.replayResolved(), "%.1f");
        row(out, "escalated (%)", 100 * left.escalated(), 100 * right.escalated(), "%.1f");
        row(out, "Brier score", left.brier(), right.brier(), "%.4f");
        row(out, "log loss", left.logLoss(), right.logLoss(), "%.4f");
        return out.toString();
    }

    private static void row(StringBuilder out, String name, double left, double right, String format) {
        out.append(String.format(Locale.ROOT, "  %-28s %12s %12s%n", name, String.format(Locale.ROOT, format, left),
                String.format(Locale.ROOT, format, right)));
    }

    private static String shorten(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
