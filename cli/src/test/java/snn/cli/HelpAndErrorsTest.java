package snn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import snn.cli.testing.Cli;

/** The help and the errors of a bad command line, as picocli's examples have them. */
class HelpAndErrorsTest {
    @Test
    void trainHelpHasItsSectionsPlaceholdersAndDefaults() {
        Cli.Run r = Cli.run("train", "--help");
        assertEquals(0, r.code());
        String h = r.out();
        int at = -1;
        for (String section : new String[] {"Data, output and general options:", "Network (excitatory and inhibitory layers):",
                "Input encoding (Poisson spike trains):", "Plasticity (STDP):", "Homeostasis (adaptive threshold):",
                "Run (images, seed, labelling, test):"}) {
            int i = h.indexOf("\n" + section + "\n");
            assertTrue(i > at, "section '" + section + "' missing or out of order:\n" + h);
            at = i;
        }
        // each option in its section: --tau-pre-ms between the plasticity and homeostasis headings
        int listed = h.indexOf("\n      --tau-pre-ms=<ms>");
        assertTrue(listed > h.indexOf("Plasticity (STDP):") && listed < h.indexOf("Homeostasis (adaptive threshold):"), h);
        for (String s : new String[] {"--threshold-exc-mv=<mV>", "--rate-hz=<Hz>", "--out=FILE", "--neurons=N"}) {
            assertTrue(h.contains(s), s + " missing:\n" + h);
        }
        // defaults are shown by picocli, not written by hand
        assertTrue(h.contains("Default: 400"), h);
        assertTrue(h.contains("Default: run/model.snn") || h.contains("Default: run" + java.io.File.separator + "model.snn"), h);
        assertFalse(h.contains("(default: 400)"), h);
    }

    @Test
    void aBadValuePrintsOneLineAndWhereToReadMoreAndExitsTwo() {
        Cli.Run r = Cli.run("train", "--neurons", "many");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(List.of("snn train: Invalid value for option '--neurons': 'many' is not an int",
                "Try 'snn train --help' for more information."), r.err().lines().toList());
        // a typo: the error, picocli's suggestion, the pointer; not the ~100 lines of train's usage
        Cli.Run unknown = Cli.run("train", "--nuerons", "9");
        assertEquals(2, unknown.code());
        List<String> lines = unknown.err().lines().toList();
        assertTrue(lines.size() <= 4, unknown.err());
        assertTrue(lines.get(0).startsWith("snn train: Unknown options: '--nuerons'"), unknown.err());
        assertTrue(lines.get(1).startsWith("Possible solutions: --nu"), unknown.err());
        assertEquals("Try 'snn train --help' for more information.", lines.get(lines.size() - 1));
        assertEquals("", r.leaked() + unknown.leaked());
    }

    /** snn.jar has no Spark: "sweep" there says where it lives instead of suggesting "report" (the cli module's class path has no sweep). */
    @Test
    void sweepOutsideTheSweepJarSaysWhereItIs() {
        Cli.Run r = Cli.run("sweep", "--dataset", "mnist");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("sweep/target/snn-sweep.jar") && r.err().contains("./snn sweep"), r.err());
        assertTrue(!r.err().contains("Did you mean"), r.err());
    }

    @Test
    void rootHelpListsTheCommandsInWorkflowOrder() {
        String h = Cli.run("--help").out();
        int at = -1;
        for (String c : new String[] {"datasets", "train", "quantize", "verify", "export", "deploy", "device", "emulate",
                "ports", "firmware", "bench", "report", "golden", "demo", "completion", "help"}) {
            int i = h.indexOf("\n  " + c + " ");
            assertTrue(i > at, "command '" + c + "' missing or out of order:\n" + h);
            at = i;
        }
    }

    /** No placeholder named after a Java field ({@code <refractoryExcMs>}): only units keep angle brackets. */
    @Test
    void noPlaceholderIsAFieldName() {
        List<String> bad = new ArrayList<>();
        collect(Main.commandLine(), bad);
        assertEquals(List.of(), bad);
    }

    private static void collect(CommandLine cl, List<String> bad) {
        Matcher m = Pattern.compile("[=\\s]<(?!ms>|mV>|Hz>)[A-Za-z]+>(?!/)").matcher(cl.getUsageMessage());
        while (m.find()) {
            bad.add(cl.getCommandSpec().qualifiedName() + " " + m.group());
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, bad));
    }
}
