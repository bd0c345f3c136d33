package io.streamfix.simulation;

import io.streamfix.Troubleshooter;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Status;
import io.streamfix.model.Symptoms;

import java.util.Optional;

/**
 * streamfix's own advice, through the public API only: {@link Troubleshooter#diagnose(Symptoms)}, then
 * {@code nextFix()} while the status is {@code in_progress}; any other status escalates.
 */
public final class StreamfixPolicy implements Policy {
    private final Troubleshooter troubleshooter;

    public StreamfixPolicy(Troubleshooter troubleshooter) {
        this.troubleshooter = troubleshooter;
    }

    @Override
    public String name() {
        return "streamfix";
    }

    @Override
    public Optional<String> next(Symptoms symptoms) {
        Diagnosis diagnosis = troubleshooter.diagnose(symptoms);
        if (diagnosis.status() == Status.IN_PROGRESS && diagnosis.nextFix() != null) {
            return Optional.of(diagnosis.nextFix().id());
        }
        return Optional.empty();
    }
}
