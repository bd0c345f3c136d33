package io.streamfix.engine;

import io.streamfix.input.Suggestions;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns what the Drools compiler says about a DRL file into a problem a rule author can act on: the real
 * line and column (Drools gives -1, the rule's first line, or a parser position after the mistake), a
 * message in plain words, and a "did you mean" for fact types, fields and enum constants. The compiler's
 * own text is kept as {@link RuleProblem#raw()} ({@code --debug} shows it).
 *
 * <pre>{@code
 * RuleProblem p = DrlMessages.problem("rules/evidence.drl", drlText, -1, 0, droolsText);
 * // rules/evidence.drl:138:29: DnsMode has no constant AUTOMATC — did you mean AUTOMATIC? (...)
 * }</pre>
 */
final class DrlMessages {
    /** Where the fact types live: what a rule imports with {@code import io.streamfix.model.*;}. */
    private static final String MODEL_PACKAGE = "io.streamfix.model";

    private static final Pattern UNRESOLVED_MEMBER = Pattern.compile(
            "Unable to Analyse Expression (.+?): \\[Error: unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)\\]");
    private static final Pattern MVEL_POSITION = Pattern.compile("\\[Line: (\\d+), Column: (\\d+)\\]");
    private static final Pattern PARSER = Pattern.compile("\\[ERR \\d+\\] Line (\\d+):(\\d+) (.*)");
    private static final Pattern MISMATCHED = Pattern.compile("mismatched input '(.*?)'(?: expecting (.+?))?(?: in rule \"(.+?)\")?$");
    private static final Pattern NO_VIABLE = Pattern.compile("no viable alternative at input '(.*?)'(?: in rule \"(.+?)\")?");
    private static final Pattern EXTRANEOUS = Pattern.compile("extraneous input '(.*?)' expecting (.+?)(?: in rule \"(.+?)\")?$");
    private static final Pattern MISSING = Pattern.compile("missing (.+?) at '(.*?)'(?: in rule \"(.+?)\")?");
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("(?:Rule Compilation error )?(\\w+) cannot be resolved to a type");
    private static final Pattern UNKNOWN_OBJECT_TYPE = Pattern.compile("Unable to resolve ObjectType '(\\w+)'");
    private static final Pattern UNKNOWN_NAME = Pattern.compile("(?:Rule Compilation error )?(\\$?\\w+) cannot be resolved(?: to a variable)?$");
    private static final Pattern UNDEFINED_METHOD = Pattern.compile(
            "(?:Rule Compilation error )?The method (\\w+)\\((.*?)\\) is undefined for the type (\\w+)");

    private DrlMessages() {
    }

    /**
     * One compiler message about {@code file}, located and in plain words.
     *
     * @param source the file's DRL text
     * @param line   the line Drools gives (its rule's first line, or &lt;= 0 when it gives none)
     * @param column the column Drools gives (0 when none)
     * @param raw    the compiler's text, on one line
     */
    static RuleProblem problem(String file, String source, int line, int column, String raw) {
        Located found = translate(source, line, column, raw);
        return new RuleProblem(file, found.line, found.column, found.message, false, raw);
    }

    private record Located(int line, int column, String message) {
    }

    private static Located translate(String source, int line, int column, String raw) {
        Text text = new Text(source);
        Matcher member = UNRESOLVED_MEMBER.matcher(raw);
        if (member.find()) {
            Matcher at = MVEL_POSITION.matcher(raw);
            int from = at.find() ? text.offset(Integer.parseInt(at.group(1)), 1)
                    : line > 0 ? text.offset(line, 1) : text.indexOf(member.group(1), 0);
            int offset = text.word(member.group(3), Math.max(from, 0));
            return text.at(offset, line, missingMember(member.group(2), member.group(3)));
        }
        Matcher parser = PARSER.matcher(raw);
        if (parser.find()) {
            return syntax(text, Integer.parseInt(parser.group(1)), Integer.parseInt(parser.group(2)), parser.group(3));
        }
        Matcher type = UNKNOWN_TYPE.matcher(raw);
        if (type.find() || (type = UNKNOWN_OBJECT_TYPE.matcher(raw)).find()) {
            String name = type.group(1);
            return text.at(text.word(name, text.offset(Math.max(line, 1), 1)), line, name + " is not a fact type"
                    + didYouMean(name, modelTypes()) + " (the types are the records and enums of " + MODEL_PACKAGE + ")");
        }
        Matcher method = UNDEFINED_METHOD.matcher(raw);
        if (method.find()) {
            String name = method.group(1);
            return text.at(text.word(name, text.offset(Math.max(line, 1), 1)), line, method.group(3) + " has no method "
                    + name + "(" + method.group(2) + ")" + didYouMean(name, members(method.group(3))));
        }
        Matcher unknown = UNKNOWN_NAME.matcher(raw);
        if (unknown.find()) {
            String name = unknown.group(1);
            return text.at(text.word(name, text.offset(Math.max(line, 1), 1)), line, name + " is not known here: "
                    + (name.startsWith("$") ? "bind it in the when part ($x : Fact( … ))" : "check its spelling, or bind it in the when part")
                    + didYouMean(name, modelTypes()));
        }
        return new Located(Math.max(line, 0), Math.max(column, 0), raw.replaceFirst("^Rule Compilation error ", ""));
    }

    /** The DRL parser's messages: it stops at the token after the mistake, so look back for the mistake. */
    private static Located syntax(Text text, int line, int column, String what) {
        int offset = text.offset(line, column + 1);
        int unclosed = text.unclosedParenthesis(offset);
        Matcher m;
        if (unclosed >= 0 && (m = MISMATCHED.matcher(what)).find()) {
            return text.at(unclosed, 0, "this \"(\" is never closed: a \")\" is missing before '" + m.group(1)
                    + "' on line " + line + rule(m.group(3)));
        }
        if ((m = MISMATCHED.matcher(what)).find()) {
            return text.at(offset, line, "'" + m.group(1) + "' is not expected here"
                    + (m.group(2) == null ? "" : " (expected " + m.group(2) + ")") + rule(m.group(3)));
        }
        if ((m = NO_VIABLE.matcher(what)).find()) {
            return text.at(offset, line, "cannot read the rule from '" + m.group(1) + "' on: check the line for a "
                    + "missing operator, comma or quote" + rule(m.group(2)));
        }
        if ((m = EXTRANEOUS.matcher(what)).find()) {
            return text.at(offset, line, "'" + m.group(1) + "' is not expected here: remove it (expected "
                    + m.group(2) + ")" + rule(m.group(3)));
        }
        if ((m = MISSING.matcher(what)).find()) {
            return text.at(offset, line, "a " + m.group(1) + " is missing before '" + m.group(2) + "'" + rule(m.group(3)));
        }
        return text.at(offset, line, what);
    }

    private static String rule(String name) {
        return name == null ? "" : " (in rule \"" + name + "\")";
    }

    /** A field of a record or a constant of an enum that does not exist. */
    private static String missingMember(String className, String member) {
        Optional<Class<?>> type = modelClass(className);
        String simple = className.substring(className.lastIndexOf('.') + 1);
        if (type.isPresent() && type.get().isEnum()) {
            List<String> constants = Arrays.stream(type.get().getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            return simple + " has no constant " + member + didYouMean(member, constants) + " (" + simple + " is one of "
                    + String.join(", ", constants) + ")";
        }
        List<String> fields = members(simple);
        return simple + " has no field " + member + didYouMean(member, fields)
                + (fields.isEmpty() ? "" : " (its fields: " + String.join(", ", fields) + ")");
    }

    private static String didYouMean(String typed, List<String> candidates) {
        return Suggestions.closest(typed, candidates).map(s -> " — did you mean " + s + "?").orElse("");
    }

    private static Optional<Class<?>> modelClass(String name) {
        String qualified = name.contains(".") ? name : MODEL_PACKAGE + "." + name;
        try {
            return Optional.of(Class.forName(qualified, false, DrlMessages.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The fields of a fact type (a record's components), else its public methods. */
    private static List<String> members(String type) {
        Optional<Class<?>> found = modelClass(type);
        if (found.isEmpty()) {
            return List.of();
        }
        if (found.get().isRecord()) {
            return Arrays.stream(found.get().getRecordComponents()).map(RecordComponent::getName).toList();
        }
        return Arrays.stream(found.get().getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).distinct().sorted().toList();
    }

    /** The simple names of the model's classes, from the class path (a folder in tests, the jar in use). */
    private static List<String> modelTypes() {
        String path = MODEL_PACKAGE.replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> places = DrlMessages.class.getClassLoader().getResources(path);
            while (places.hasMoreElements()) {
                URL place = places.nextElement();
                if (place.getProtocol().equals("jar")) {
                    Enumeration<JarEntry> entries = ((JarURLConnection) place.openConnection()).getJarFile().entries();
                    while (entries.hasMoreElements()) {
                        String entry = entries.nextElement().getName();
                        if (entry.startsWith(path + "/") && entry.indexOf('/', path.length() + 1) < 0) {
                            addClass(names, entry.substring(path.length() + 1));
                        }
                    }
                } else if (place.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(place.toURI()))) {
                        files.forEach(f -> addClass(names, f.getFileName().toString()));
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            return List.of(); // no suggestion, the message stands without it
        }
        return new ArrayList<>(names);
    }

    private static void addClass(TreeSet<String> names, String fileName) {
        if (fileName.endsWith(".class") && !fileName.contains("$") && !fileName.startsWith("package-info")) {
            names.add(fileName.substring(0, fileName.length() - ".class".length()));
        }
    }

    /** A DRL text with offsets, lines and columns, and a little knowledge of its syntax. */
    private static final class Text {
        private final String source;

        Text(String source) {
            this.source = source;
        }

        int offset(int line, int column) {
            int offset = 0;
            for (int current = 1; current < line && offset >= 0; current++) {
                offset = source.indexOf('\n', offset);
                offset = offset < 0 ? -1 : offset + 1;
            }
            return offset < 0 ? source.length() : Math.min(source.length(), offset + Math.max(column, 1) - 1);
        }

        int indexOf(String text, int from) {
            return source.indexOf(text, from);
        }

        /** The next whole word {@code word} from {@code from} on, or -1. */
        int word(String word, int from) {
            Matcher m = Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])").matcher(source);
            return m.find(Math.max(0, from)) ? m.start() : -1;
        }

        /**
         * The last "(" before {@code offset}, within its rule, that no ")" closes; -1 when every one is
         * closed. Strings and comments are skipped.
         */
        int unclosedParenthesis(int offset) {
            int start = source.lastIndexOf("\nrule ", Math.max(0, offset - 1));
            List<Integer> open = new ArrayList<>();
            for (int i = Math.max(0, start); i < offset && i < source.length(); i++) {
                char c = source.charAt(i);
                if (c == '"') {
                    i = skipString(i);
                } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                    int end = source.indexOf('\n', i);
                    i = end < 0 ? source.length() : end;
                } else if (c == '(') {
                    open.add(i);
                } else if (c == ')' && !open.isEmpty()) {
                    open.remove(open.size() - 1);
                }
            }
            return open.isEmpty() ? -1 : open.get(open.size() - 1);
        }

        private int skipString(int quote) {
            for (int i = quote + 1; i < source.length(); i++) {
                if (source.charAt(i) == '\\') {
                    i++;
                } else if (source.charAt(i) == '"') {
                    return i;
                }
            }
            return source.length();
        }

        /** A problem at {@code offset}, or on {@code fallbackLine} when the offset was not found. */
        Located at(int offset, int fallbackLine, String message) {
            if (offset < 0) {
                return new Located(Math.max(fallbackLine, 0), 0, message);
            }
            int lineStart = source.lastIndexOf('\n', offset - 1) + 1;
            int line = 1;
            for (int i = 0; i < lineStart; i++) {
                if (source.charAt(i) == '\n') {
                    line++;
                }
            }
            return new Located(line, offset - lineStart + 1, message);
        }
    }
}
