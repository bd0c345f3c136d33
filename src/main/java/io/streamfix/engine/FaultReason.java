package io.streamfix.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What went wrong in a rule's consequence, in a rule author's words rather than a Java exception's
 * name: {@code rule "X" failed: text was used as a whole number}. The exception itself, with its type
 * and stack trace, is what {@code --debug} shows.
 */
final class FaultReason {
    /** {@code class java.lang.String cannot be cast to class java.lang.Integer (...)}. */
    private static final Pattern CAST = Pattern.compile("class ([\\w.$]+) cannot be cast to class ([\\w.$]+)");
    private static final Pattern NUMBER_INPUT = Pattern.compile("For input string: \"(.*)\"", Pattern.DOTALL);

    private FaultReason() {
    }

    static String of(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        if (e instanceof ClassCastException) {
            Matcher cast = CAST.matcher(message);
            return cast.find() ? kind(cast.group(1)) + " was used as " + kind(cast.group(2))
                    + " (a cast or a typed variable in the rule does not fit the value)"
                    : "a value was used as a type it is not (a cast or a typed variable in the rule)";
        }
        if (e instanceof NullPointerException) {
            return "it used a value that is not known (null): a fact the case leaves unknown? "
                    + "Test it in the when-part, e.g. Network( vpnActive != null )";
        }
        if (e instanceof NumberFormatException) {
            Matcher input = NUMBER_INPUT.matcher(message);
            return (input.find() ? "\"" + input.group(1) + "\"" : "a text") + " was read as a number, and is not one";
        }
        if (e instanceof ArithmeticException) {
            return "arithmetic failed: " + (message.equals("/ by zero") ? "a division by zero" : message);
        }
        if (e instanceof IndexOutOfBoundsException) {
            return "it read past the end of a list or text" + (message.isEmpty() ? "" : " (" + message + ")");
        }
        if (e instanceof StackOverflowError) {
            return "it called itself without end (the stack overflowed)";
        }
        if (e instanceof OutOfMemoryError) {
            return "it ran out of memory";
        }
        return message.isEmpty() ? "it stopped with an error that gives no reason (--debug shows it)" : message;
    }

    /** A Java type as the kind of value it holds. */
    private static String kind(String type) {
        return switch (type) {
            case "java.lang.String" -> "text";
            case "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
                 "java.math.BigInteger" -> "a whole number";
            case "java.lang.Double", "java.lang.Float", "java.math.BigDecimal" -> "a number";
            case "java.lang.Boolean" -> "true or false";
            default -> {
                String simple = type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
                yield type.startsWith("java.") ? "a value of another kind (" + simple + ")" : "a " + simple + " fact";
            }
        };
    }
}
