package io.streamfix.cases;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A kept case: the symptom document as it grew, every step in order, and the advice in force.
 *
 * <pre>{@code
 * CaseRecord kept = store.find("k3f9x2m7qp").orElseThrow();
 * kept.status();                 // OPEN, RESOLVED, ESCALATED or ABANDONED
 * kept.document();               // the symptom document now, as a symptom file holds it
 * kept.ticket();                 // the same, as the ticket history evaluate and calibrate read
 * }</pre>
 *
 * @param id              the case's id, e.g. {@code k3f9x2m7qp}
 * @param createdAt       when it was opened
 * @param updatedAt       when its last step was recorded (its opening, before any)
 * @param status          open, resolved, escalated or abandoned
 * @param openingDocument the symptom document it was opened with
 * @param document        the symptom document now: the opening one with every step in force applied
 * @param advice          the advice in force (that of the last step, or of the opening)
 * @param steps           every step, in the order recorded, undone ones and undos included
 */
public record CaseRecord(String id,
                         @JsonSerialize(using = ToStringSerializer.class) Instant createdAt,
                         @JsonSerialize(using = ToStringSerializer.class) Instant updatedAt,
                         CaseStatus status, Map<String, Object> openingDocument, Map<String, Object> document,
                         Advice advice, List<CaseStep> steps) {
    public CaseRecord {
        steps = List.copyOf(steps);
    }

    /**
     * The case as a ticket of the ticket history that {@code evaluate} and {@code calibrate} read: its
     * symptom document, whose {@code tried:} list holds each attempt in the order made, with its
     * {@code result} and, when known, its {@code minutes}: the case's document itself.
     */
    public Map<String, Object> ticket() {
        return document;
    }
}
