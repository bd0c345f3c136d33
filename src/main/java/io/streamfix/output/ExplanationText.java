package io.streamfix.output;

import io.streamfix.model.Evidence;
import io.streamfix.model.Explanation;

import java.util.List;

/**
 * Renders explanations ({@code diagnose --explain}) as text: for each top cause, each fact, the rule
 * that used it and the evidence it gave, in plain words, so that an agent can justify the advice.
 *
 * <pre>{@code
 * System.out.print(new ExplanationText().render(troubleshooter.explain(symptoms, diagnosis, 3)));
 * }</pre>
 */
public final class ExplanationText {

    public String render(List<Explanation> explanations) {
        StringBuilder out = new StringBuilder("\nHow streamfix reached these causes\n");
        if (explanations.isEmpty()) {
            out.append("  No cause has any evidence yet: nothing to explain.\n");
        }
        for (Explanation explanation : explanations) {
            out.append(String.format("%n  %d%%  %s%n", Math.round(explanation.cause().confidence() * 100),
                    explanation.cause().title()));
            for (Explanation.Finding finding : explanation.findings()) {
                Evidence evidence = finding.evidence();
                if (finding.facts().isEmpty()) {
                    out.append("    from no single fact\n");
                }
                for (Explanation.StatedFact fact : finding.facts()) {
                    out.append("    you said ").append(fact.fact()).append(": ").append(fact.answer());
                    if (!fact.question().isEmpty()) {
                        out.append("  (").append(fact.question()).append(")");
                    }
                    out.append("\n");
                }
                out.append(String.format("      → rule \"%s\" counts it %s this cause (odds ×%s):%n", evidence.rule(),
                        evidence.supports() ? "for" : "against", ratio(evidence.weight())));
                out.append("        ").append(evidence.reason()).append("\n");
            }
            out.append("    Together: base rate ").append(percent(explanation.cause().baseRate()))
                    .append(" times these likelihood ratios, against the other causes: ")
                    .append(percent(explanation.cause().confidence())).append("\n");
        }
        return out.toString();
    }

    /** A likelihood ratio as people read it: {@code 5}, {@code 1.67}, {@code 0.1}. */
    static String ratio(double weight) {
        return new java.math.BigDecimal(weight).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String percent(double probability) {
        return Math.round(probability * 100) + "%";
    }
}
