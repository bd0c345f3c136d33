package io.streamfix.learning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The numbers of a rules folder — base rates, minutes and {@code resolves} in {@code knowledge.yaml},
 * likelihood ratios in {@code likelihoods.yaml} — read as a {@link BeliefModel}, and written back into
 * a copy of the folder with only those numbers (and the comments on their lines) changed.
 *
 * <pre>{@code
 * RulesData data = RulesData.read(Path.of("rules"));
 * data.writeCopy(Path.of("rules-new"), fitted, "calibrated from 2400 tickets");
 * }</pre>
 */
public final class RulesData {
    public static final String KNOWLEDGE = "knowledge.yaml";
    public static final String LIKELIHOODS = "likelihoods.yaml";

    private final Path folder;
    private final String knowledgeText;
    private final String likelihoodsText;
    private final BeliefModel model;
    private final String escalation;

    private RulesData(Path folder, String knowledgeText, String likelihoodsText) {
        this.folder = folder;
        this.knowledgeText = knowledgeText;
        this.likelihoodsText = likelihoodsText;
        DataFile knowledge = DataFile.parse(knowledgeText);
        DataFile likelihoods = DataFile.parse(likelihoodsText == null ? "" : likelihoodsText);
        List<String> causes = knowledge.keys(List.of("causes"));
        Map<String, Double> baseRates = new LinkedHashMap<>();
        for (String cause : causes) {
            // A folder from before base rates gets equal ones: no cause favoured.
            baseRates.put(cause, knowledge.number(List.of("causes", cause, "base_rate")).orElse(1.0 / causes.size()));
        }
        Map<String, Map<String, Double>> resolves = new LinkedHashMap<>();
        Map<String, Double> minutes = new LinkedHashMap<>();
        String escalationFix = null;
        for (String fix : knowledge.keys(List.of("fixes"))) {
            Map<String, Double> byCause = new LinkedHashMap<>();
            for (String cause : knowledge.keys(List.of("fixes", fix, "resolves"))) {
                knowledge.number(List.of("fixes", fix, "resolves", cause)).ifPresent(p -> byCause.put(cause, p));
            }
            resolves.put(fix, byCause);
            knowledge.number(List.of("fixes", fix, "minutes")).ifPresent(m -> minutes.put(fix, m));
            if (knowledge.scalar(List.of("fixes", fix, "escalation")).filter("true"::equals).isPresent()) {
                escalationFix = fix;
            }
        }
        Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
        for (String rule : likelihoods.keys(List.of())) {
            Map<String, Double> byCause = new LinkedHashMap<>();
            for (String cause : likelihoods.keys(List.of(rule))) {
                likelihoods.number(List.of(rule, cause)).ifPresent(l -> byCause.put(cause, l));
            }
            ratios.put(rule, byCause);
        }
        this.model = new BeliefModel(causes, baseRates, ratios, resolves, minutes);
        this.escalation = escalationFix;
    }

    /** Reads the data files of a rules folder ({@code likelihoods.yaml} may be missing: no λ then). */
    public static RulesData read(Path folder) {
        Path likelihoods = folder.resolve(LIKELIHOODS);
        return new RulesData(folder, readText(folder.resolve(KNOWLEDGE)),
                Files.exists(likelihoods) ? readText(likelihoods) : null);
    }

    public BeliefModel model() {
        return model;
    }

    /** The fix marked {@code escalation: true}, or {@code null}. */
    public String escalationFix() {
        return escalation;
    }

    public Path folder() {
        return folder;
    }

    /**
     * Copies the whole folder to {@code target} (which must not exist or be empty) and rewrites there the
     * numbers that differ in {@code fitted}, each with {@code comment} on its line. A likelihood ratio
     * {@code fitted} has for a cause its rule does not list yet is added as a line of its own.
     *
     * @param comments by number, what to say on its line, e.g. "calibrated from 2400 tickets"; a number
     *                 whose key is absent here keeps its old comment
     */
    public void writeCopy(Path target, BeliefModel fitted, Map<String, String> comments) {
        copyFolder(folder, target);
        DataFile knowledge = DataFile.parse(knowledgeText);
        for (String cause : model.causes()) {
            set(knowledge, List.of("causes", cause, "base_rate"), fitted.baseRates().get(cause), comments);
        }
        model.resolves().forEach((fix, byCause) -> byCause.keySet().forEach(cause ->
                set(knowledge, List.of("fixes", fix, "resolves", cause), fitted.resolves(fix, cause), comments)));
        model.minutes().keySet().forEach(fix ->
                set(knowledge, List.of("fixes", fix, "minutes"), fitted.minutes().get(fix), comments));
        writeText(target.resolve(KNOWLEDGE), knowledge.text());
        if (likelihoodsText != null) {
            DataFile likelihoods = DataFile.parse(likelihoodsText);
            fitted.likelihoods().forEach((rule, byCause) -> byCause.forEach((cause, ratio) -> {
                List<String> path = List.of(rule, cause);
                if (likelihoods.number(path).isPresent()) {
                    set(likelihoods, path, ratio, comments);
                } else if (model.likelihoods().containsKey(rule) && comments.containsKey(key(path))) {
                    likelihoods.add(List.of(rule), cause, ratio, comments.get(key(path)));
                }
            }));
            writeText(target.resolve(LIKELIHOODS), likelihoods.text());
        }
    }

    /** The key of a number in {@code comments}: its path joined with {@code /}. */
    public static String key(List<String> path) {
        return String.join("/", path);
    }

    private static void set(DataFile file, List<String> path, Double value, Map<String, String> comments) {
        String comment = comments.get(key(path));
        if (value == null || comment == null || file.number(path).isEmpty()) {
            return;
        }
        if (DataFile.format(value).equals(DataFile.format(file.number(path).get()))) {
            return; // unchanged at the precision written: no diff
        }
        file.set(path, value, comment);
    }

    private static void copyFolder(Path from, Path to) {
        try {
            if (Files.exists(to)) {
                try (Stream<Path> entries = Files.list(to)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(to + " is not empty: calibrate writes a new folder");
                    }
                }
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(from)) {
                files = new ArrayList<>(walk.sorted().toList());
            }
            for (Path source : files) {
                Path copy = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeText(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
