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
                out.append(String.format("      → rule \"%s\" counts it %s this cause (%+.2f):%n", evidence.rule(),
                        evidence.weight() >= 0 ? "for" : "against", evidence.weight()));
                out.append("        ").append(evidence.reason()).append("\n");
            }
            out.append("    Together, combined as MYCIN certainty factors: ")
                    .append(Math.round(explanation.cause().confidence() * 100)).append("%\n");
        }
        return out.toString();
    }
}
