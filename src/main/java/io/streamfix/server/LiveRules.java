package io.streamfix.server;

import io.streamfix.ReloadListener;
import io.streamfix.Troubleshooter;
import io.streamfix.engine.KnowledgeBase;
import io.streamfix.engine.RuleProblem;
import io.streamfix.engine.RulesException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rules the service answers with: none while they load at startup, then a {@link Troubleshooter}
 * (one that watches its folder swaps edited rules in by itself); and the newest reload of the folder,
 * if it failed. Thread-safe: request threads read it while the loader and the watcher write it.
 *
 * <pre>{@code
 * LiveRules rules = new LiveRules();
 * rules.loaded(Troubleshooter.watch(Path.of("rules"), rules));
 * rules.current().ifPresent(t -> t.diagnose(symptoms));
 * }</pre>
 */
public final class LiveRules implements ReloadListener {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRules.class);

    private volatile Troubleshooter troubleshooter;
    private final AtomicReference<ReloadFailure> lastFailure = new AtomicReference<>();
    private final List<ReloadListener> listeners = new CopyOnWriteArrayList<>();

    /** The rules, once loaded; empty while the service starts. */
    public Optional<Troubleshooter> current() {
        return Optional.ofNullable(troubleshooter);
    }

    /**
     * The newest reload failure, or {@code null} when the newest load succeeded or the bad edit was
     * undone (the folder holds the rules in force again: the watcher has nothing to reload then).
     */
    public ReloadFailure lastFailure() {
        ReloadFailure failure = lastFailure.get();
        Troubleshooter current = troubleshooter;
        if (failure != null && current != null && folderHolds(current.knowledgeBase())) {
            lastFailure.compareAndSet(failure, null);
            return null;
        }
        return failure;
    }

    private static boolean folderHolds(KnowledgeBase rules) {
        try {
            return KnowledgeBase.versionOf(rules.folder()).equals(rules.version());
        } catch (UncheckedIOException e) {
            return false; // the folder cannot be read now: the failure still stands
        }
    }

    /** Also tells {@code listener} of every reload (the service's metrics count them). */
    public void listen(ReloadListener listener) {
        listeners.add(listener);
    }

    /** The rules are loaded (at startup): from now on the service is ready. */
    public void loaded(Troubleshooter loaded) {
        this.troubleshooter = loaded;
        this.lastFailure.set(null);
        KnowledgeBase rules = loaded.knowledgeBase();
        LOG.info("rules loaded from {} (version {})", rules.folder(), shortVersion(rules));
    }

    /**
     * The watched folder was edited and its new rules loaded: they answer from the next request on, and
     * an earlier reload failure is over.
     */
    @Override
    public void reloaded(KnowledgeBase rules) {
        this.lastFailure.set(null);
        LOG.info("rules reloaded from {} (version {})", rules.folder(), shortVersion(rules));
        listeners.forEach(listener -> listener.reloaded(rules));
    }

    /** The bad edit was undone: the rules in force are the folder's again, and the failure is over. */
    @Override
    public void restored(KnowledgeBase rules) {
        this.lastFailure.set(null);
        LOG.info("the rules in {} load again (version {}): the failed edit was undone", rules.folder(), shortVersion(rules));
    }

    /** A reload failed: reported in the log and in {@code /v1/knowledge}; the last good rules keep serving. */
    @Override
    public void failed(RulesException error) {
        Troubleshooter current = troubleshooter;
        lastFailure.set(ReloadFailure.of(Instant.now(), error.problems(),
                current == null ? null : current.knowledgeBase().folder()));
        LOG.warn("the edited rules cannot be loaded; still serving the last good rules:");
        error.problems().stream().map(RuleProblem::format).forEach(p -> LOG.warn("  {}", p));
        listeners.forEach(listener -> listener.failed(error));
    }

    private static String shortVersion(KnowledgeBase rules) {
        return rules.version().substring(0, Math.min(12, rules.version().length()));
    }
}
