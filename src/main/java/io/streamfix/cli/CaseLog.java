package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.cases.Advisor;
import io.streamfix.cases.CaseRecord;
import io.streamfix.cases.CaseStore;
import io.streamfix.cases.Step;
import io.streamfix.engine.TimeBudget;
import io.streamfix.model.FixResult;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;

/**
 * What {@code consult --cases} keeps: each answer and fix outcome recorded in the case store as it
 * happens, {@code back} recorded as an undo. A fix attempt's minutes are the time from when the fix was
 * shown to when its result was typed. Without a store it keeps nothing.
 */
final class CaseLog implements AutoCloseable {
    private final CaseStore store;
    private final Advisor advisor;
    private final String id;
    /** For each move of the consultation, whether it was recorded (a skip is not): what back undoes. */
    private final Deque<Boolean> moves = new ArrayDeque<>();
    private String shownFix;
    private long shownAt;

    private CaseLog(CaseStore store, Advisor advisor, String id) {
        this.store = store;
        this.advisor = advisor;
        this.id = id;
    }

    static CaseLog none() {
        return new CaseLog(null, null, null);
    }

    /** A new case in the store, from the document the consultation starts with. */
    static CaseLog open(CaseStore store, Troubleshooter troubleshooter, Map<String, Object> document, TimeBudget budget) {
        Advisor advisor = advisor(troubleshooter, budget);
        return new CaseLog(store, advisor, store.open(document, requestId(), advisor).kept().id());
    }

    /** A kept case, to carry on with. */
    static CaseLog resume(CaseStore store, Troubleshooter troubleshooter, CaseRecord kept, TimeBudget budget) {
        return new CaseLog(store, advisor(troubleshooter, budget), kept.id());
    }

    /** The advice kept with each step, diagnosed under the consultation's time budget like its own diagnoses. */
    private static Advisor advisor(Troubleshooter troubleshooter, TimeBudget budget) {
        Advisor plain = Advisor.of(troubleshooter.knowledgeBase());
        return document -> budget.run(() -> plain.advise(document));
    }

    String id() {
        return id;
    }

    void answered(String fact, String answer) {
        record(Step.answer(fact, answer));
    }

    /** The fix is on the screen now: its attempt's minutes count from the first time it is shown. */
    void fixShown(String fix) {
        if (!fix.equals(shownFix)) {
            shownFix = fix;
            shownAt = System.nanoTime();
        }
    }

    void tried(String fix, boolean helped) {
        Double minutes = fix.equals(shownFix) ? Math.round((System.nanoTime() - shownAt) / 6e9) / 10.0 : null;
        shownFix = null;
        record(Step.attempt(fix, helped ? FixResult.HELPED : FixResult.FAILED, minutes));
    }

    void skipped() {
        moves.push(false);
    }

    /** The consultation went back one move: undone in the store too when it was recorded. */
    void back() {
        if (!moves.isEmpty() && moves.pop() && store != null) {
            store.record(id, Step.undo(), requestId(), advisor);
        }
    }

    private void record(Step step) {
        moves.push(true);
        if (store != null) {
            store.record(id, step, requestId(), advisor);
        }
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
