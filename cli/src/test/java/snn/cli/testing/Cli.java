package snn.cli.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import snn.cli.Main;
import snn.support.Json;

/**
 * Runs {@code snn} in-process as picocli's own tests do: {@code execute()} with {@code setOut}/{@code setErr}.
 * The process streams are trapped meanwhile, so that a test can also check that nothing bypassed the
 * command's writers ({@link Run#leaked}). Shared by the cli and sweep tests (the cli's test-jar).
 */
public final class Cli {
    private Cli() {
    }

    /**
     * What one run printed.
     *
     * @param leaked what reached System.out/System.err instead of the writers (library progress bars
     *               without -q, Spark's own logging)
     */
    public record Run(int code, String out, String err, String leaked) {
        /** The one JSON object a {@code --json} run printed. */
        public Map<String, Object> json() {
            return Json.parseObject(out);
        }
    }

    public static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream leaked = new ByteArrayOutputStream();
        PrintStream trap = new PrintStream(leaked, true, StandardCharsets.UTF_8);
        // trap first, then build: a CommandLine built before System.setOut prints its help to the old stream
        System.setOut(trap);
        System.setErr(trap);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(args);
            cl.getOut().flush();
            cl.getErr().flush();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(code, out.toString(), err.toString(), leaked.toString(StandardCharsets.UTF_8));
    }
}
