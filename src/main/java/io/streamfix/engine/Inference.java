package io.streamfix.engine;

import io.streamfix.model.Cause;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Escalation;
import io.streamfix.model.EscalationAdvice;
import io.streamfix.model.Evidence;
import io.streamfix.model.Fix;
import io.streamfix.model.FixAdvice;
import io.streamfix.model.KnownCause;
import io.streamfix.model.Plan;
import io.streamfix.model.PlannedFix;
import io.streamfix.model.Preparation;
import io.streamfix.model.Resolution;
import io.streamfix.model.Status;
import io.streamfix.model.StepVariant;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;
import org.drools.core.common.InternalAgendaGroup;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One diagnosis: inserts the symptoms and the knowledge into a fresh session, runs the rule groups in
 * order, and reads the derived facts back into a {@link Diagnosis}.
 */
final class Inference {
    /**
     * The rule groups ({@code ruleflow-group} in the DRL), in the order they run: evidence first, then
     * the causes it supports, then the plan that follows from them, then how the case ends.
     */
    static final List<String> PHASES = List.of("evidence", "causes", "plan", "decision", "escalation");

    private static final Comparator<Cause> LIKELIEST_FIRST =
            Comparator.comparingDouble(Cause::confidence).reversed().thenComparing(Cause::id);

    /** More firings than any sound rule set needs for one case: past this, the rules are looping. */
    static final int FIRING_LIMIT = 10_000;

    /** What {@link #setAside} holds when no single rule is to blame: every diagnosis fails at once. */
    private static final String ALL_RULES = "";

    private final KieBase kieBase;
    private final Knowledge knowledge;
    /** Rules that did not return within a time budget (see {@link Deadline}); copied on write, read per firing. */
    private volatile Set<String> setAside = Set.of();
    private int stuckInConditions;
    private final Likelihoods likelihoods;
    private volatile KieSessionsPool sessions;
    /** Whether the rules declare the global {@code likelihoods} (a folder of its own may not). */
    private final boolean usesLikelihoods;

    Inference(KieBase kieBase, Knowledge knowledge, Likelihoods likelihoods) {
        this.kieBase = kieBase;
        this.knowledge = knowledge;
        this.likelihoods = likelihoods;
        this.usesLikelihoods = kieBase.getKiePackages().stream().anyMatch(p -> p.getGlobalVariables().stream()
                .anyMatch(global -> global.getName().equals(Likelihoods.GLOBAL)));
    }

    Diagnosis run(Symptoms symptoms) {
        Set<String> rulesFired = new LinkedHashSet<>();
        return inSession(symptoms, rulesFired, session -> read(session, symptoms, rulesFired));
    }

    /** Every piece of evidence the rules find for a case, for causes of any confidence (for explanations). */
    Set<Evidence> evidence(Symptoms symptoms) {
        return inSession(symptoms, new LinkedHashSet<>(), session -> {
            Set<Evidence> evidence = new HashSet<>();
            for (Object fact : session.getObjects()) {
                if (fact instanceof Evidence found) {
                    evidence.add(found);
                }
            }
            return evidence;
        });
    }

    /**
     * Opens a case in a session that stays open for its variants (see {@link CaseSession}): the
     * questions try many variants of one case, each costing only the changes it makes.
     */
    CaseSession open(Symptoms symptoms) {
        return new CaseSession(this, symptoms);
    }

    /** Runs the rules on a case in a fresh session and reads the result with {@code reader}. */
    private <T> T inSession(Symptoms symptoms, Set<String> rulesFired, Function<KieSession, T> reader) {
        KieSession session = newSession(rulesFired);
        try {
            insertCase(session, symptoms);
            fire(session, rulesFired);
            return reader.apply(session);
        } finally {
            session.dispose();
        }
    }

    /**
     * A session holding the knowledge facts, that records the name of each rule that fires. It comes
     * from the pool of reset sessions: {@code dispose()} returns it there.
     */
    KieSession newSession(Set<String> rulesFired) {
        refuseWhenEveryRuleIsSetAside();
        return prepare(pool().newKieSession(), rulesFired);
    }

    /**
     * Drools' pool of reset sessions of the KIE base, made on first use: resetting a session that has
     * run a case costs less than making a new one, whose node memories are all allocated afresh.
     */
    private KieSessionsPool pool() {
        KieSessionsPool pool = sessions;
        if (pool == null) {
            synchronized (this) {
                pool = sessions;
                if (pool == null) {
                    sessions = pool = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
                }
            }
        }
        return pool;
    }

    private void refuseWhenEveryRuleIsSetAside() {
        if (setAside.contains(ALL_RULES)) {
            throw new RuleTimeout(null, "an earlier diagnosis with these rules did not return within its time "
                    + "budget, in no rule's then-part (a when-part condition); every diagnosis fails at once until "
                    + "the rules are fixed and reloaded", false);
        }
    }

    private KieSession prepare(KieSession session, Set<String> rulesFired) {
        Set<String> aside = setAside;
        session.addEventListener(new RulesFired(rulesFired));
        Deadline deadline = Deadline.CURRENT.get();
        if (deadline != null || !aside.isEmpty()) {
            session.addEventListener(new Guard(deadline));
        }
        insertKnowledge(session);
        return session;
    }

    /** Sets the likelihoods global and inserts the knowledge facts: every known cause and every fix. */
    void insertKnowledge(KieSession session) {
        if (usesLikelihoods) {
            session.setGlobal(Likelihoods.GLOBAL, likelihoods);
        }
        knowledge.causes().values().forEach(session::insert);
        knowledge.fixes().values().forEach(session::insert);
    }

    /** A session handed out for a case (see {@link KnowledgeBase#newSession}): ready to fire. */
    KieSession openCase(Symptoms symptoms) {
        refuseWhenEveryRuleIsSetAside();
        // A session of its own, not the pool's: the caller may keep a reference after disposing it.
        KieSession session = prepare(kieBase.newKieSession(), new LinkedHashSet<>());
        insertCase(session, symptoms);
        focusPhases(session);
        return session;
    }

    /** Fires what is pending in a session of streamfix's rules and reads its diagnosis. */
    Diagnosis diagnose(KieSession session) {
        if (session.getObjects(fact -> fact instanceof KnownCause).isEmpty()) {
            KjarSession.start(session, this); // a kjar session whose start rule has not fired yet
        }
        Set<String> rulesFired = RulesFired.in(session);
        fire(session, rulesFired);
        return read(session, KjarSession.symptomsIn(session), rulesFired);
    }

    /** Puts the phases in focus, so that the next {@code fireAllRules} runs them in their order. */
    static void focusPhases(KieSession session) {
        for (int i = PHASES.size() - 1; i >= 0; i--) {
            session.getAgenda().getAgendaGroup(PHASES.get(i)).setFocus();
        }
    }

    /**
     * Keeps a session within its deadline and away from the rules set aside. Not a recorder: a case
     * session keeps it for its variants.
     */
    final class Guard extends DefaultAgendaEventListener {
        private final Deadline deadline;

        Guard(Deadline deadline) {
            this.deadline = deadline;
            if (deadline != null) {
                deadline.runsOn(Inference.this);
            }
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            String rule = event.getMatch().getRule().getName();
            Set<String> aside = setAside;
            if (!aside.isEmpty() && aside.contains(rule)) {
                throw new RuleTimeout(rule, "rule \"" + rule + "\" did not return within the time budget on an "
                        + "earlier case and is set aside until the rules are fixed and reloaded; this case reaches it", false);
            }
            if (deadline != null) {
                deadline.firing(rule);
            }
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            if (deadline != null) {
                deadline.fired(event.getMatch().getRule().getName());
            }
        }
    }

    /**
     * Sets a rule aside after it did not return within a time budget: later diagnoses that reach it fail
     * at once instead of losing a thread each. {@code null}: no rule was firing (a when-part, or a slow
     * machine); the second time that happens, every diagnosis fails at once.
     */
    synchronized void setAside(String rule) {
        if (rule == null && ++stuckInConditions < 2) {
            return;
        }
        Set<String> more = new LinkedHashSet<>(setAside);
        more.add(rule == null ? ALL_RULES : rule);
        setAside = Set.copyOf(more);
    }

    /** The rules set aside so far, {@code ""} standing for "all of them". */
    Set<String> setAside() {
        return setAside;
    }

    /**
     * Where a case's facts are in a session, so that a variant can replace them.
     *
     * @param tried by tried fix; changeable, for the variants that try other fixes
     */
    record CaseFacts(FactHandle device, FactHandle network, FactHandle observations,
                     Map<TriedFix, FactHandle> tried) {
    }

    /** Inserts the facts of a case: its device, network, observations and tried fixes. */
    static CaseFacts insertCase(KieSession session, Symptoms symptoms) {
        FactHandle device = session.insert(symptoms.device());
        FactHandle network = session.insert(symptoms.network());
        FactHandle observations = session.insert(symptoms.observations());
        Map<TriedFix, FactHandle> tried = new LinkedHashMap<>();
        distinctTried(symptoms).forEach(fix -> tried.put(fix, session.insert(fix)));
        return new CaseFacts(device, network, observations, tried);
    }

    /** A fix retried with the same result is one finding, not two. */
    static Set<TriedFix> distinctTried(Symptoms symptoms) {
        return new LinkedHashSet<>(symptoms.tried());
    }

    /**
     * Runs the phases once each, in order; a phase ends when it has no rule left to fire.
     *
     * @return how many rules fired
     * @throws RuleFault when a rule fails, or the rules keep firing past {@link #FIRING_LIMIT}
     */
    static int fire(KieSession session, Set<String> rulesFired) {
        focusPhases(session);
        int fired;
        try {
            fired = session.fireAllRules(FIRING_LIMIT);
        } catch (ConsequenceException e) {
            if (e.getCause() instanceof RuleTimeout timeout) {
                throw timeout;
            }
            String rule = e.getMatch().getRule().getName();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RuleFault(rule, "rule \"" + rule + "\" failed: " + FaultReason.of(cause), cause);
        }
        if (fired >= FIRING_LIMIT) {
            throw new RuleFault(null, "the rules fired " + fired + " times without settling (limit "
                    + FIRING_LIMIT + "): a rule probably re-triggers itself; rules that fired: "
                    + String.join(", ", rulesFired), null);
        }
        return fired;
    }

    /**
     * Whether no phase has a rule waiting to fire. Right after {@link #fire} that holds unless a phase
     * reads what a later phase derives: its rule waits in its group, which a fresh run never returns to.
     * kie-api does not tell whether a group is empty, so this asks Drools' own agenda group; any other
     * kind of group counts as not settled.
     */
    static boolean settled(KieSession session) {
        for (String phase : PHASES) {
            if (!(session.getAgenda().getAgendaGroup(phase) instanceof InternalAgendaGroup group) || !group.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Reads the facts the rules derived in a session into a diagnosis of {@code symptoms}. */
    Diagnosis read(KieSession session, Symptoms symptoms, Set<String> rulesFired) {
        Derived derived = new Derived(session.getObjects());
        Status status = derived.status();
        List<FixAdvice> plan = new ArrayList<>();
        String deviceVariant = symptoms.device().type() == null ? null
                : symptoms.device().type().name().toLowerCase(Locale.ROOT);
        if (status == Status.IN_PROGRESS && derived.plan != null) {
            for (PlannedFix step : derived.plan.steps()) {
                Fix fix = knowledge.fixes().get(step.fix());
                plan.add(advice(fix, derived.variants.get(fix.id()), deviceVariant, step.minutes(), step.chance()));
            }
        }
        EscalationAdvice handover = derived.escalation == null ? null : new EscalationAdvice(derived.escalation.to(),
                derived.preparations.stream().sorted(Comparator.comparingInt(Preparation::rank))
                        .map(Preparation::text).toList());
        Fix helped = derived.resolution == null ? null : knowledge.fixes().get(derived.resolution.fix());
        return new Diagnosis(symptoms.errorCode(), status,
                helped == null ? null : advice(helped, null, deviceVariant, helped.minutes(), 1.0),
                derived.causes, plan.isEmpty() ? null : plan.get(0), plan, expectedMinutes(status, derived.plan), handover,
                List.copyOf(rulesFired), null);
    }

    /**
     * Reads what the questions compare from the facts of a session: the same status, plan, expected
     * minutes and causes as {@link #read}, without the texts only people read.
     *
     * @param facts the session's facts, or at least those {@link #readsForOutcome} accepts
     */
    Outcome outcome(Iterable<?> facts) {
        Derived derived = new Derived(facts);
        Status status = derived.status();
        List<String> ids = new ArrayList<>();
        String nextTitle = null;
        if (status == Status.IN_PROGRESS && derived.plan != null) {
            derived.plan.steps().forEach(step -> ids.add(step.fix()));
            nextTitle = ids.isEmpty() ? null : knowledge.fixes().get(ids.get(0)).title();
        }
        return new Outcome(status, ids, nextTitle, derived.escalation == null ? null : derived.escalation.to(),
                List.copyOf(derived.causes), expectedMinutes(status, derived.plan));
    }

    /** 0 once resolved; when escalating, its cost; else what the plan expects. */
    private double expectedMinutes(Status status, Plan plan) {
        return switch (status) {
            case RESOLVED -> 0.0;
            case ESCALATE -> plan != null ? plan.escalationMinutes() : knowledge.escalation().minutes();
            case IN_PROGRESS -> plan != null ? plan.expectedMinutes() : Double.NaN;
        };
    }

    /** The facts the rules derived, gathered in one pass over a session's facts; causes likeliest first. */
    private static final class Derived {
        final List<Cause> causes = new ArrayList<>();
        Plan plan;
        final Map<String, String> variants = new HashMap<>();
        final List<Preparation> preparations = new ArrayList<>();
        Resolution resolution;
        Escalation escalation;

        Derived(Iterable<?> facts) {
            for (Object fact : facts) {
                if (fact instanceof Cause cause && cause.confidence() > 0) {
                    causes.add(cause);
                } else if (fact instanceof Plan chosen) {
                    plan = chosen;
                } else if (fact instanceof StepVariant variant) {
                    variants.put(variant.fix(), variant.variant());
                } else if (fact instanceof Preparation preparation) {
                    preparations.add(preparation);
                } else if (fact instanceof Resolution found) {
                    // Two fixes that helped: the same one whatever order the session lists its facts in.
                    if (resolution == null || found.fix().compareTo(resolution.fix()) < 0) {
                        resolution = found;
                    }
                } else if (fact instanceof Escalation found) {
                    escalation = found;
                }
            }
            causes.sort(LIKELIEST_FIRST);
        }

        Status status() {
            return resolution != null ? Status.RESOLVED
                    : escalation != null ? Status.ESCALATE
                    : Status.IN_PROGRESS;
        }
    }

    /** Whether {@link #outcome} reads a fact: the kinds of fact a diagnosis is made of. */
    static boolean readsForOutcome(Object fact) {
        return fact instanceof Cause || fact instanceof Plan || fact instanceof Resolution
                || fact instanceof Escalation;
    }

    /** A fix as the diagnosis shows it; a fix that helped has chance 1. */
    private static FixAdvice advice(Fix fix, String ruleVariant, String deviceVariant, double minutes, double chance) {
        List<String> variants = new ArrayList<>();
        variants.add(ruleVariant);
        variants.add(deviceVariant);
        return new FixAdvice(fix.id(), fix.title(), fix.stepsFor(variants), fix.why(), fix.risky(), minutes, chance);
    }
}
