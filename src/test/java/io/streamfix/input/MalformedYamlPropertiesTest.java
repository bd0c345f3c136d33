package io.streamfix.input;

import io.streamfix.Troubleshooter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated copies of the example files (characters deleted, inserted, lines swapped or cut): the reader
 * either accepts them or reports located problems; no other exception ever escapes.
 */
class MalformedYamlPropertiesTest {
    private static final SymptomsReader READER = Troubleshooter.load(Path.of("rules")).reader();
    private static final List<String> EXAMPLES = examples();
    private static final String NASTY = ":-{}[]\"'&*!|>%@#?,\t\n \u0000\u00e9\uFEFF\\";

    private static List<String> examples() {
        try (Stream<Path> files = Files.list(Path.of("facts"))) {
            return files.sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One mutation of one example. */
    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> example = Arbitraries.of(EXAMPLES);
        return example.flatMap(text -> {
            int length = Math.max(1, text.length());
            Arbitrary<Integer> at = Arbitraries.integers().between(0, length - 1);
            Arbitrary<String> deleted = at.map(i -> text.substring(0, i) + text.substring(Math.min(text.length(), i + 1)));
            Arbitrary<String> inserted = Combinators.combine(at, Arbitraries.of(NASTY.chars().mapToObj(c -> (char) c).toList()))
                    .as((i, c) -> text.substring(0, i) + c + text.substring(i));
            Arbitrary<String> truncated = at.map(i -> text.substring(0, i));
            List<String> lines = text.lines().toList();
            Arbitrary<Integer> line = Arbitraries.integers().between(0, Math.max(0, lines.size() - 1));
            Arbitrary<String> swapped = Combinators.combine(line, line).as((i, j) -> {
                List<String> copy = new java.util.ArrayList<>(lines);
                java.util.Collections.swap(copy, i, j);
                return String.join("\n", copy);
            });
            Arbitrary<String> indented = line.map(i -> {
                List<String> copy = new java.util.ArrayList<>(lines);
                copy.set(i, "   " + copy.get(i));
                return String.join("\n", copy);
            });
            return Arbitraries.oneOf(deleted, inserted, truncated, swapped, indented);
        });
    }

    @Property(tries = 1000)
    void aMutatedFileIsReadOrRejectedWithLocatedProblems(@ForAll("mutated") String yaml) {
        try {
            READER.read("mutated.yaml", yaml);
        } catch (InvalidSymptomsException e) {
            assertThat(e.problems()).isNotEmpty()
                    .allSatisfy(p -> {
                        assertThat(p.source()).isEqualTo("mutated.yaml");
                        assertThat(p.message()).isNotBlank().doesNotContain("Exception");
                    });
        }
        // Any other exception fails the property.
    }
}
