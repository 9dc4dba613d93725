package snn.fwtest;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.TestAbortedException;

/**
 * Prints why a test was skipped on the console ({@code [skipped] test: reason}); Surefire's console
 * only counts skipped tests and keeps the reasons in its XML reports.
 */
final class SkipReasons implements TestWatcher {
    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        String parent = context.getParent().map(ExtensionContext::getDisplayName).orElse("");
        print(parent + " " + context.getDisplayName(), cause);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        System.out.println("[skipped] " + context.getDisplayName() + ": " + reason.orElse("disabled"));
    }

    /** A dynamic test's body, whose skip the watcher does not see: prints the reason, then skips. */
    static Executable reporting(String name, Executable body) {
        return () -> {
            try {
                body.execute();
            } catch (TestAbortedException e) {
                print(name, e);
                throw e;
            }
        };
    }

    private static void print(String name, Throwable cause) {
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage().replace("Assumption failed: ", "");
        System.out.println("[skipped] " + name.strip() + ": " + why);
    }
}
