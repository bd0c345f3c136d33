/**
 * {@code streamfix serve}: the diagnosis service for support tools (JSON over HTTP, on Javalin) and the
 * agent page it serves at {@code /}. Every request goes the one way the CLI goes: the loaded
 * {@link io.streamfix.Troubleshooter}'s reader, then its rules.
 *
 * <pre>{@code
 * LiveRules rules = new LiveRules();
 * try (StreamfixServer server = StreamfixServer.start(rules, "127.0.0.1", 8403)) {
 *     rules.loaded(Troubleshooter.load(Path.of("rules")));
 *     // POST http://127.0.0.1:8403/v1/diagnose ...
 * }
 * }</pre>
 */
package io.streamfix.server;
