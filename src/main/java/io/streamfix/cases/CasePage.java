package io.streamfix.cases;

import java.util.List;

/**
 * One page of cases, in the order they were opened.
 *
 * @param cases the cases of this page
 * @param next  where the next page starts ({@link CaseQuery#after}), or {@code null} on the last page
 */
public record CasePage(List<CaseRecord> cases, String next) {
    public CasePage {
        cases = List.copyOf(cases);
    }
}
