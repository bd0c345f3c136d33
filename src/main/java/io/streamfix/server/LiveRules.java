package io.streamfix.server;

import io.streamfix.Troubleshooter;
import io.streamfix.engine.KnowledgeBase;
import io.streamfix.engine.RulesException;
import io.streamfix.engine.RuleProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * The rules the service answers with: none while they load at startup, then the loaded
 * {@link Troubleshooter}; and the last reload of the rules folder that failed, if the newest attempt
 * failed. Thread-safe: request threads read it while the loader writes it.
 *
 * <pre>{@code
 * LiveRules rules = new LiveRules();
 * rules.loaded(Troubleshooter.load(Path.of("rules")));
 * rules.current().ifPresent(t -> t.diagnose(symptoms));
 * }</pre>
 */
public final class LiveRules {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRules.class);

    private volatile Troubleshooter troubleshooter;
    private volatile Instant loadedAt;
    private volatile ReloadFailure lastFailure;

    /** The rules, once loaded; empty while the service starts. */
    public Optional<Troubleshooter> current() {
        return Optional.ofNullable(troubleshooter);
    }

    /** When the rules in use were loaded, or {@code null} before. */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** The newest reload failure, or {@code null} when the newest load succeeded. */
    public ReloadFailure lastFailure() {
        return lastFailure;
    }

    /** The rules are loaded (at startup): from now on the service is ready. */
    public void loaded(Troubleshooter loaded) {
        this.loadedAt = Instant.now();
        this.troubleshooter = loaded;
        this.lastFailure = null;
        LOG.info("rules loaded from {}", loaded.knowledgeBase().folder());
    }

    /**
     * The rules folder changed and its new rules loaded: they answer from the next request on, and an
     * earlier reload failure is over.
     */
    public void reloaded(KnowledgeBase rules) {
        this.loadedAt = Instant.now();
        this.lastFailure = null;
        LOG.info("rules reloaded from {}", rules.folder());
    }

    /** A reload failed: reported in the log and in {@code /v1/knowledge}; the last good rules keep serving. */
    public void failed(RulesException error) {
        lastFailure = ReloadFailure.of(Instant.now(), error.problems());
        LOG.warn("the changed rules cannot be loaded; still serving the last good rules:");
        error.problems().stream().map(RuleProblem::format).forEach(p -> LOG.warn("  {}", p));
    }
}
