package io.streamfix.learning;

import java.util.List;
import java.util.Locale;

/**
 * {@code evaluate --report FILE.html}: the figures as one self-contained HTML page — no script, no
 * style sheet or font from elsewhere — with two inline SVG charts: the distribution of minutes to
 * resolution (the replay's and the history's) and the calibration plot (predicted chance against the
 * observed share that helped). It opens from a mail attachment or a ticket as it is.
 *
 * <pre>{@code
 * Files.writeString(Path.of("report.html"), HtmlReport.render("history/", evaluation));
 * }</pre>
 */
public final class HtmlReport {
    private static final int WIDTH = 520;
    private static final int HEIGHT = 300;
    private static final int MARGIN = 44;
    private static final int MINUTE_BINS = 12;

    private HtmlReport() {
    }

    public static String render(String title, Evaluation evaluation) {
        Evaluation.Figures f = evaluation.figures();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>streamfix evaluate: ").append(escape(title)).append("</title>\n")
                .append("<style>body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{padding:.25em .8em;border-bottom:1px solid #ddd;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}figure{display:inline-block;margin:1em 2em 1em 0}")
                .append("svg text{font:12px sans-serif}</style>\n</head>\n<body>\n");
        html.append("<h1>streamfix evaluate</h1>\n<p>History: ").append(escape(title)).append("</p>\n");
        html.append("<table id=\"headline\">\n");
        headline(html, "tickets", String.valueOf(f.tickets()));
        headline(html, "resolved (a fix helped)", String.valueOf(f.resolved()));
        headline(html, "first-fix hit rate", FiguresText.percent(f.firstFixHitRate()));
        headline(html, "attempts per ticket (replay)", String.format(Locale.ROOT, "%.2f", f.meanAttempts()));
        headline(html, "minutes per ticket (replay)", String.format(Locale.ROOT, "%.1f", f.meanMinutes()));
        headline(html, "escalated (replay)", FiguresText.percent(f.escalated()));
        headline(html, "minutes per ticket (as recorded)", String.format(Locale.ROOT, "%.1f", f.observedMinutes()));
        headline(html, "Brier score", String.format(Locale.ROOT, "%.4f", f.brier()));
        headline(html, "log loss", String.format(Locale.ROOT, "%.4f", f.logLoss()));
        html.append("</table>\n");
        html.append("<p>The replay follows the advice fix by fix; a fix the ticket did not try counts as failed "
                + "(an upper bound: the history cannot say whether it would have helped).</p>\n");
        html.append("<figure id=\"minutes-chart\">").append(minutesChart(evaluation.replayMinutes(), evaluation.observedMinutes()))
                .append("<figcaption>Minutes to resolution per ticket: replay of the advice (dark), as recorded (light)</figcaption></figure>\n");
        html.append("<figure id=\"calibration-chart\">").append(calibrationChart(f.calibration()))
                .append("<figcaption>Calibration: predicted chance that the fix helps against the share that did</figcaption></figure>\n");
        html.append("<h2>Fixes</h2>\n<table id=\"fixes\">\n<tr><th>fix</th><th>attempts</th><th>predicted</th><th>observed</th></tr>\n");
        for (Evaluation.FixFigures fix : f.fixes()) {
            html.append("<tr><td>").append(escape(fix.fix())).append("</td><td>").append(fix.attempts()).append("</td><td>")
                    .append(FiguresText.percent(fix.meanChance())).append("</td><td>").append(FiguresText.percent(fix.observed()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Evidence rules</h2>\n<table id=\"rules\">\n<tr><th>rule</th><th>tickets</th>"
                + "<th>first-fix hits</th><th>a fix for its cause helped</th><th>minutes</th></tr>\n");
        for (Evaluation.RuleFigures rule : f.rules()) {
            html.append("<tr><td>").append(escape(rule.rule())).append("</td><td>").append(rule.tickets()).append("</td><td>")
                    .append(FiguresText.percent(rule.firstFixHits())).append("</td><td>")
                    .append(FiguresText.percent(rule.namedHelped())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", rule.meanMinutes())).append("</td></tr>\n");
        }
        html.append("</table>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void headline(StringBuilder html, String name, String value) {
        html.append("<tr><td>").append(escape(name)).append("</td><td>").append(escape(value)).append("</td></tr>\n");
    }

    /** A histogram of both series over the same bins. */
    static String minutesChart(List<Double> replay, List<Double> observed) {
        double max = 1;
        for (double m : replay) {
            max = Math.max(max, m);
        }
        for (double m : observed) {
            max = Math.max(max, m);
        }
        double binWidth = Math.ceil(max / MINUTE_BINS);
        int[] a = counts(replay, binWidth);
        int[] b = counts(observed, binWidth);
        int top = 1;
        for (int i = 0; i < MINUTE_BINS; i++) {
            top = Math.max(top, Math.max(a[i], b[i]));
        }
        StringBuilder svg = svgStart("Distribution of minutes to resolution");
        double plotW = WIDTH - 2 * MARGIN;
        double plotH = HEIGHT - 2 * MARGIN;
        double slot = plotW / MINUTE_BINS;
        for (int i = 0; i < MINUTE_BINS; i++) {
            double x = MARGIN + i * slot;
            bar(svg, x + 2, slot / 2 - 2, a[i] * plotH / top, "#2b5797", "replay", i, a[i]);
            bar(svg, x + slot / 2, slot / 2 - 2, b[i] * plotH / top, "#9fb8de", "recorded", i, b[i]);
            if (i % 2 == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.0f</text>", x, HEIGHT - MARGIN + 16, i * binWidth));
            }
        }
        axes(svg, "minutes", "tickets", String.valueOf(top));
        return svg.append("</svg>").toString();
    }

    private static void bar(StringBuilder svg, double x, double w, double h, String colour, String series, int bin, int count) {
        svg.append(String.format(Locale.ROOT,
                "<rect class=\"bar %s\" data-count=\"%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s bin %d: %d tickets</title></rect>",
                series, count, x, HEIGHT - MARGIN - h, Math.max(0, w), h, colour, series, bin + 1, count));
    }

    private static int[] counts(List<Double> values, double binWidth) {
        int[] counts = new int[MINUTE_BINS];
        for (double v : values) {
            counts[Math.min(MINUTE_BINS - 1, (int) (v / binWidth))]++;
        }
        return counts;
    }

    /** Predicted (x) against observed (y), a dot per bin sized by its attempts, and the diagonal of perfect calibration. */
    static String calibrationChart(List<Evaluation.Bin> bins) {
        StringBuilder svg = svgStart("Calibration plot");
        double plotW = WIDTH - 2 * MARGIN;
        double plotH = HEIGHT - 2 * MARGIN;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\" stroke-dasharray=\"4\"/>",
                MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, MARGIN));
        int most = bins.stream().mapToInt(Evaluation.Bin::attempts).max().orElse(1);
        for (Evaluation.Bin bin : bins) {
            double cx = MARGIN + bin.meanChance() * plotW;
            double cy = HEIGHT - MARGIN - bin.observed() * plotH;
            double r = 3 + 7 * Math.sqrt(bin.attempts() / (double) most);
            svg.append(String.format(Locale.ROOT,
                    "<circle class=\"bin\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#2b5797\" fill-opacity=\"0.7\">"
                            + "<title>predicted %.0f%%, observed %.0f%%, %d attempts</title></circle>",
                    cx, cy, r, 100 * bin.meanChance(), 100 * bin.observed(), bin.attempts()));
        }
        for (int tick = 0; tick <= 10; tick += 5) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%d%%</text>", MARGIN + tick / 10.0 * plotW - 8,
                    HEIGHT - MARGIN + 16, tick * 10));
        }
        axes(svg, "predicted chance", "observed", "100%");
        return svg.append("</svg>").toString();
    }

    private static StringBuilder svgStart(String label) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT, escape(label)));
    }

    private static void axes(StringBuilder svg, String x, String y, String yTop) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#222\"/>",
                MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#222\"/>",
                MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", WIDTH / 2 - 30, HEIGHT - 8, escape(x)));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>", MARGIN - 10, escape(y)));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>", MARGIN + 4, escape(yTop)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
