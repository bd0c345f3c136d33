package io.streamfix.engine;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and list item of a YAML document starts, by path ({@code fixes.clear_app_data},
 * {@code fixes.clear_app_data.addresses[0]}), so that a problem found after parsing can still name its
 * line. Paths of a document that does not parse are simply missing.
 */
public final class YamlPositions {
    private static final YAMLFactory YAML = new YAMLFactory();

    private final Map<String, int[]> positions = new HashMap<>();

    private YamlPositions() {
    }

    /** The positions of a YAML text's keys and items; empty for what does not parse. */
    public static YamlPositions of(String text) {
        YamlPositions result = new YamlPositions();
        try (JsonParser parser = YAML.createParser(text)) {
            result.walk(parser);
        } catch (IOException | RuntimeException e) {
            // Knowledge.read reports syntax errors; positions are only a help for later problems.
        }
        return result;
    }

    private void walk(JsonParser parser) throws IOException {
        Deque<String> path = new ArrayDeque<>();
        Deque<Integer> index = new ArrayDeque<>();
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            switch (token) {
                case FIELD_NAME -> remember(join(path, parser.currentName()), parser.currentTokenLocation());
                case START_OBJECT, START_ARRAY -> {
                    String here = current(parser, path, index);
                    path.push(here);
                    index.push(token == JsonToken.START_ARRAY ? 0 : -1);
                }
                case END_OBJECT, END_ARRAY -> {
                    path.pop();
                    index.pop();
                    advance(index);
                }
                default -> {
                    String here = current(parser, path, index);
                    remember(here, parser.currentTokenLocation());
                    advance(index);
                }
            }
        }
    }

    /** The path of the value the parser is on: a field's name, or the next index of the enclosing list. */
    private String current(JsonParser parser, Deque<String> path, Deque<Integer> index) throws IOException {
        if (!index.isEmpty() && index.peek() >= 0) {
            String item = (path.isEmpty() ? "" : path.peek()) + "[" + index.peek() + "]";
            remember(item, parser.currentTokenLocation());
            return item;
        }
        String name = parser.currentName();
        return name == null ? "" : join(path, name);
    }

    private static void advance(Deque<Integer> index) {
        if (!index.isEmpty() && index.peek() >= 0) {
            index.push(index.pop() + 1);
        }
    }

    private static String join(Deque<String> path, String name) {
        return path.isEmpty() || path.peek().isEmpty() ? name : path.peek() + "." + name;
    }

    private void remember(String path, JsonLocation at) {
        positions.putIfAbsent(path, new int[] {Math.max(0, at.getLineNr()), Math.max(0, at.getColumnNr())});
    }

    /** A problem at {@code path}, or at the nearest enclosing path the document has. */
    RuleProblem problem(String file, String path, String message, boolean warning) {
        int[] lineColumn = lineColumn(path);
        return new RuleProblem(file, lineColumn[0], lineColumn[1], path + ": " + message, warning);
    }

    /** The 1-based line and column of {@code path}, or of the nearest enclosing path the text has; 0, 0 if none. */
    public int[] lineColumn(String path) {
        String at = path;
        while (!positions.containsKey(at) && !at.isEmpty()) {
            int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
            at = cut < 0 ? "" : at.substring(0, cut);
        }
        return positions.getOrDefault(at, new int[] {0, 0}).clone();
    }
}
