package io.streamfix.server;

import io.streamfix.engine.KnowledgeBase;
import io.streamfix.input.InputLimits;
import io.streamfix.input.SymptomsReader;

/**
 * How much one request may send: the same {@link InputLimits} as a symptom file read by the CLI, the
 * file size limit also capping the request body (413 above it). Thread-safe.
 */
final class RequestLimits {
    private final InputLimits limits;
    private volatile Derived derived;

    /** A reader made from the rules' reader, kept while those rules are the ones in use. */
    private record Derived(SymptomsReader base, SymptomsReader limited) {
    }

    RequestLimits(InputLimits limits) {
        this.limits = limits;
    }

    long maxBodyBytes() {
        return limits.maxFileBytes();
    }

    /** The reader of these rules, with these limits; made once per rules, not per request. */
    SymptomsReader reader(KnowledgeBase rules) {
        SymptomsReader base = rules.reader();
        if (base.limits().equals(limits)) {
            return base;
        }
        Derived known = derived;
        if (known == null || known.base() != base) {
            known = new Derived(base, base.withLimits(limits));
            derived = known;
        }
        return known.limited();
    }
}
