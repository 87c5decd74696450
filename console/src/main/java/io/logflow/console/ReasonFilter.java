package io.logflow.console;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reason filter that selects the dead letters one line of the summary counts. The summary
 * groups reasons by kind ({@code stage: reason}, each quoted value shown as {@code '…'} and each
 * number as {@code N}, as {@code logflow dlq list} does); the filter turns those back into
 * wildcards and matches the whole reason.
 */
final class ReasonFilter {

    private static final Pattern PLACEHOLDER = Pattern.compile("'…'|N");

    private ReasonFilter() {}

    /** @param stageAndKind a key of the summary's {@code pending_by_reason}, e.g. {@code parser: timestamp '…' is not valid} */
    static String of(String stageAndKind) {
        int colon = stageAndKind.indexOf(": ");
        String kind = colon < 0 ? stageAndKind : stageAndKind.substring(colon + 2);
        StringBuilder regex = new StringBuilder("^");
        Matcher placeholder = PLACEHOLDER.matcher(kind);
        int from = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(kind.substring(from, placeholder.start())))
                    .append(placeholder.group().equals("N") ? "(?:\\d+|N)" : "'[^']*'");
            from = placeholder.end();
        }
        return regex.append(Pattern.quote(kind.substring(from))).append('$').toString();
    }
}
