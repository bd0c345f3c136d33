package io.streamfix.engine;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.event.rule.AgendaEventListener;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Records the name of each rule that fires in a session, each once, in the order they first fired: the
 * {@code rulesFired} of a {@link io.streamfix.model.Diagnosis}. The kjar's sessions get one from
 * {@code kmodule.xml}; the two rules that start and finish such a session are not recorded, so that
 * its diagnosis lists what a Troubleshooter's would.
 */
public final class RulesFired extends DefaultAgendaEventListener {
    /** The package of the kjar's own session rules ({@code io/streamfix/kjar/session.drl}). */
    static final String KJAR_PACKAGE = "streamfix.kjar";

    private final Set<String> names;

    /** A listener with a record of its own (what {@code kmodule.xml} creates). */
    public RulesFired() {
        this(new LinkedHashSet<>());
    }

    RulesFired(Set<String> names) {
        this.names = names;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        if (!KJAR_PACKAGE.equals(event.getMatch().getRule().getPackageName())) {
            names.add(event.getMatch().getRule().getName());
        }
    }

    /** The names recorded so far; live. */
    public Set<String> names() {
        return names;
    }

    /** The record of a session's listener; a session without one gets one now, recording from now on. */
    static Set<String> in(KieSession session) {
        for (AgendaEventListener listener : session.getAgendaEventListeners()) {
            if (listener instanceof RulesFired recorder) {
                return recorder.names;
            }
        }
        RulesFired recorder = new RulesFired();
        session.addEventListener(recorder);
        return recorder.names;
    }
}
