package io.streamfix;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, item 12: the article is cited by its title and section (a fresh clone does not have the
 * file), and rules/README.md's section table names every rule, each one that exists.
 */
class ArticleCitationTest {
    private static final String TITLE = "\"How to Fix Netflix Error NSEZ-403? 5 Streaming Fixes That Work on 90% of Devices\"";
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");

    private static List<Path> ruleFiles() throws IOException {
        try (Stream<Path> files = Files.list(ProjectRules.FOLDER)) {
            return files.filter(f -> f.toString().endsWith(".drl")).sorted().toList();
        }
    }

    @Test
    void nothingPointsAtTheArticlesFileOutsideTheRepository() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(ProjectRules.FOLDER)) {
            files.forEach(docs::add);
        }
        for (Path doc : docs) {
            assertThat(Files.readString(doc)).as(doc.toString()).doesNotContain("shared/sources", "nsez-403-article.txt");
        }
    }

    @Test
    void everyRuleFileAndTheDataCiteTheArticleByTitleInTheirHeader() throws IOException {
        List<Path> cited = new ArrayList<>(ruleFiles());
        cited.add(ProjectRules.FOLDER.resolve("knowledge.yaml"));
        for (Path file : cited) {
            String header = Files.readString(file).lines().takeWhile(l -> l.startsWith("//") || l.startsWith("#"))
                    .map(l -> l.replaceFirst("^(//|#) ?", "")).reduce("", (a, b) -> a + " " + b);
            assertThat(header).as(file + "'s header comment").contains(TITLE);
        }
        assertThat(Files.readString(Path.of("README.md")).replaceAll("\\s+", " "))
                .contains(TITLE.replace("\"", ""));
    }

    @Test
    void theSectionTableOfRulesReadmeNamesEveryRuleAndOnlyRulesThatExist() throws IOException {
        String guide = Files.readString(ProjectRules.FOLDER.resolve("README.md"));
        int start = guide.indexOf("## The article, section by section");
        assertThat(start).isPositive();
        String table = guide.substring(start, guide.indexOf("\n## ", start + 1)).replaceAll("\\s+", " ");

        List<String> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            Matcher rule = RULE.matcher(Files.readString(file));
            while (rule.find()) {
                rules.add(rule.group(1));
            }
        }
        List<String> unnamed = rules.stream().filter(r -> !table.contains("\"" + r + "\"")).toList();
        assertThat(unnamed).as("rules the guide's section table does not name").isEmpty();

        Matcher named = Pattern.compile("\"([A-Z][^\"]+)\"").matcher(table);
        while (named.find()) {
            String name = named.group(1);
            boolean section = name.matches("(What Is|TLDR|Restart|Disable|Clear|Change|Check|Additional|When to|Final|The article).*");
            if (!section) {
                assertThat(rules).as("a rule the section table names").contains(name);
            }
        }
    }
}
