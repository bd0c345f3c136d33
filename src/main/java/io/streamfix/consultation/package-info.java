/**
 * An interactive consultation, without its front end: {@link io.streamfix.consultation.Consultation}
 * keeps the facts gathered and the history, asks the engine's best question and proposes the fixes one
 * by one. {@code streamfix consult} drives it from a terminal; a web page can drive it the same way.
 */
package io.streamfix.consultation;
