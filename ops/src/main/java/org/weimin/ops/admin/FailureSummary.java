package org.weimin.ops.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * What an operator may see of a projection failure without seeing personal data. Handlers of the read-model groups
 * work on opened (decrypted) personal data, and an exception's message can echo it (a document in a store error, a
 * value in a validation message), so the message is never kept: only the exception types and where the innermost one
 * was thrown, which come from the code and never from the data.
 *
 * @param type      fully qualified class name of the innermost cause (the failure itself when it has no cause)
 * @param message   a redacted description: the innermost type's simple name and its throw site, never the
 *                  exception's own message
 * @param throwSite {@code class.method:line} of the first stack frame in Weimin's own code ({@code org.weimin.}), or
 *                  the innermost cause's top frame when none is ours; {@code "unknown"} without a stack trace
 * @param causeChain the class names from the outermost exception to the innermost cause
 */
public record FailureSummary(String type, String message, String throwSite, List<String> causeChain) {

    /** Summarises {@code failure} (not null) without its messages. */
    public static FailureSummary of(Throwable failure) {
        List<String> chain = new ArrayList<>();
        Throwable root = failure;
        chain.add(root.getClass().getName());
        while (root.getCause() != null && root.getCause() != root && chain.size() < 20) {
            root = root.getCause();
            chain.add(root.getClass().getName());
        }
        String site = throwSite(root);
        String message = root.getClass().getSimpleName() + " thrown at " + site
                + " (exception message withheld: it may carry personal data)";
        return new FailureSummary(root.getClass().getName(), message, site, List.copyOf(chain));
    }

    private static String throwSite(Throwable root) {
        StackTraceElement[] frames = root.getStackTrace();
        if (frames == null || frames.length == 0) {
            return "unknown";
        }
        StackTraceElement site = frames[0];
        for (StackTraceElement frame : frames) {
            if (frame.getClassName().startsWith("org.weimin.")) {
                site = frame;
                break;
            }
        }
        return site.getClassName() + "." + site.getMethodName() + ":" + site.getLineNumber();
    }
}
