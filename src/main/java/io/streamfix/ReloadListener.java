package io.streamfix;

import io.streamfix.engine.KnowledgeBase;
import io.streamfix.engine.RulesException;

/**
 * Hears about reloads of a watched rules folder ({@link Troubleshooter#watch}). Called on the watcher's
 * thread; keep it short.
 *
 * <pre>{@code
 * Troubleshooter t = Troubleshooter.watch(Path.of("rules"), new ReloadListener() {
 *     public void failed(RulesException e) { alerts.send("rules broken: " + e.getMessage()); }
 * });
 * }</pre>
 */
public interface ReloadListener {
    /** The edited rules compiled and are now in force. */
    default void reloaded(KnowledgeBase rules) {
    }

    /** The edited rules do not compile or their data is wrong; the last good rules stay in force. */
    default void failed(RulesException error) {
    }

    /**
     * A bad edit was undone: the folder holds the rules in force again, so nothing is reloaded, but the
     * error reported by {@link #failed} is over.
     */
    default void restored(KnowledgeBase rules) {
    }

    /** A listener that does nothing (the reload is still logged). */
    ReloadListener NONE = new ReloadListener() {
    };
}
