package io.streamfix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamfix.model.Cause;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.FixAdvice;
import io.streamfix.model.Status;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of every diagnosis, over generated symptom files: any combination of facts (each known
 * true, known false or unknown) and of tried fixes, written as YAML and read through the whole path.
 */
class DiagnosisPropertiesTest {
    private static final Troubleshooter TROUBLESHOOTER = Troubleshooter.load(Path.of("rules"));
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> FIX_IDS =
            List.copyOf(TROUBLESHOOTER.knowledgeBase().knowledge().fixes().keySet());

    /** A symptom document as the YAML file would hold it; absent keys are unknown facts. */
    @Provide
    Arbitrary<Map<String, Object>> cases() {
        return GeneratedCases.documents(FIX_IDS);
    }

    private static Diagnosis diagnose(Map<String, Object> document) throws JsonProcessingException {
        String yaml = YAML.writeValueAsString(document);
        return TROUBLESHOOTER.diagnose(TROUBLESHOOTER.reader().read("generated.yaml", yaml).symptoms());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tried(Map<String, Object> document) {
        return (List<Map<String, Object>>) document.getOrDefault("tried", List.of());
    }

    @Property(tries = 400)
    void everyCaseGetsASoundDiagnosis(@ForAll("cases") Map<String, Object> document) throws Exception {
        Diagnosis diagnosis = diagnose(document);

        assertThat(diagnosis.causes()).allSatisfy(c -> assertThat(c.confidence()).isBetween(0.0, 1.0));
        assertThat(diagnosis.causes()).extracting(Cause::confidence)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        List<String> failed = tried(document).stream().filter(t -> t.get("result").equals("failed"))
                .map(t -> (String) t.get("fix")).toList();
        assertThat(diagnosis.plan()).extracting(FixAdvice::id).noneMatch(failed::contains);
        boolean finished = diagnosis.status() == Status.RESOLVED || diagnosis.status() == Status.ESCALATE;
        assertThat(diagnosis.nextFix() == null).as("next_fix is null exactly when resolved or escalated").isEqualTo(finished);
        assertThat(diagnosis.escalation() != null).isEqualTo(diagnosis.status() == Status.ESCALATE);
        if (tried(document).stream().anyMatch(t -> t.get("result").equals("helped"))) {
            assertThat(diagnosis.status()).isEqualTo(Status.RESOLVED);
        }
    }

    @Property(tries = 200)
    void theOrderOfKeysDoesNotMatter(@ForAll("cases") Map<String, Object> document, @ForAll Random random) throws Exception {
        assertThat(diagnose(shuffled(document, random))).isEqualTo(diagnose(document));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shuffled(Map<String, Object> map, Random random) {
        List<String> keys = new ArrayList<>(map.keySet());
        Collections.shuffle(keys, random);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (String key : keys) {
            Object value = map.get(key);
            copy.put(key, value instanceof Map<?, ?> inner ? shuffled((Map<String, Object>) inner, random) : value);
        }
        return copy;
    }

    @Property(tries = 200)
    void theOrderOfDistinctTriedFixesDoesNotChangeTheAdvice(@ForAll("cases") Map<String, Object> document,
                                                            @ForAll Random random) throws Exception {
        List<Map<String, Object>> reordered = new ArrayList<>(tried(document));
        Collections.shuffle(reordered, random);
        Map<String, Object> other = new LinkedHashMap<>(document);
        if (!reordered.isEmpty()) {
            other.put("tried", reordered);
        }

        Diagnosis a = diagnose(document);
        Diagnosis b = diagnose(other);
        assertThat(b.status()).isEqualTo(a.status());
        assertThat(b.causes()).isEqualTo(a.causes());
        assertThat(b.plan()).isEqualTo(a.plan());
        assertThat(b.nextFix()).isEqualTo(a.nextFix());
    }

    @Property(tries = 200)
    void freeTextFactsDoNotChangeTheAdvice(@ForAll("cases") Map<String, Object> document) throws Exception {
        Map<String, Object> renamed = new LinkedHashMap<>(document);
        renamed.put("device", withText(document.get("device"), "model", "Some Other Model 3000"));
        renamed.put("network", withText(document.get("network"), "isp", "Another Provider"));

        Diagnosis a = diagnose(document);
        Diagnosis b = diagnose(renamed);
        assertThat(b.status()).isEqualTo(a.status());
        assertThat(b.causes()).isEqualTo(a.causes());
        assertThat(b.plan()).isEqualTo(a.plan());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withText(Object section, String key, String text) {
        Map<String, Object> copy = section == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) section);
        copy.put(key, text);
        return copy;
    }
}
