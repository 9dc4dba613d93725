package snn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.cli.testing.CommandTest;
import snn.support.Hex;
import snn.support.Json;
import snn.support.Sha256;

/** {@code snn report}, {@code snn export --c-header} (compiled with cc) and {@code snn completion}. */
class ReportExportCommandTest extends CommandTest {
    @TempDir
    Path tmp;

    /**
     * Runs a command; its stdout (commands print with System.out) and the error lines (picocli's err
     * writer) are kept. System.err is left alone: picocli swaps its writers when System.err changes.
     */

    @Test
    void reportsOnARunFolderAndPrintsOneJsonObject() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.write(dir.resolve("model.snn"), snn.report.ReportTest.synthetic(true, true).toByteArray());
        assertEquals(0, run("report", dir.toString(), "--json", "-q"), err);
        Map<String, Object> j = Json.parseObject(out);
        assertEquals("model.snn", j.get("model"));
        assertEquals(dir.resolve("index.html").toString(), j.get("index"));
        assertTrue(Files.isRegularFile(dir.resolve("index.html")));
        assertTrue(Files.isRegularFile(dir.resolve("receptive-fields.png")));
    }

    @Test
    void badRunFolderOrModelExitsTwoWithOneLine() throws Exception {
        assertEquals(2, run("report", tmp.resolve("nowhere").toString()));
        assertTrue(err.contains("nowhere") && err.contains("does not exist"), err);

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(2, run("report", empty.toString()));
        assertTrue(err.contains("no model.snn") && err.contains("--model"), err);

        assertEquals(2, run("report", empty.toString(), "--model", tmp.resolve("missing.snn").toString()));
        assertTrue(err.contains("missing.snn"), err);

        Path junk = tmp.resolve("junk.snn");
        Files.write(junk, new byte[] {(byte) 0xFF, 0x01, 0x02});
        assertEquals(2, run("report", empty.toString(), "--model", junk.toString()));
        assertTrue(err.contains("junk.snn") && err.contains("not a trained model"), err);
        try (var s = Files.list(empty)) {
            assertEquals(0, s.count(), "nothing written on bad input");
        }
    }

    /** Every byte value, an odd length, and a name that needs sanitising. */
    @Test
    void cHeaderCompilesAndHoldsTheImagesBytesAndDigest() throws Exception {
        Assumptions.assumeTrue(onPath("cc"), "no cc on the PATH");
        byte[] image = new byte[1031];
        new SplittableRandom(7).nextBytes(image);
        for (int k = 0; k < 256; k++) {
            image[k] = (byte) k;
        }
        Path img = tmp.resolve("model.img");
        Files.write(img, image);
        Path header = tmp.resolve("my-model.v1.h");
        assertEquals(0, run("export", img.toString(), "--c-header", header.toString(), "--json"), err);
        Map<String, Object> j = Json.parseObject(out);
        assertEquals("my_model", j.get("name"));
        assertEquals(1031.0, j.get("bytes"));
        String sha = Sha256.hexOf(image);
        assertEquals(sha, j.get("sha256"));

        Path prog = tmp.resolve("dump.c");
        Files.writeString(prog, """
                #include <stdio.h>
                #include <stdint.h>
                #include <string.h>
                #include "my-model.v1.h"
                #include "my-model.v1.h" /* the include guard must make a second include harmless */
                int main(void) {
                    if (((uintptr_t) my_model & 3u) != 0) return 3;
                    if (sizeof my_model != my_model_len || MY_MODEL_LEN != my_model_len) return 4;
                    fwrite(my_model, 1, my_model_len, stdout);
                    fwrite(my_model_sha256, 1, 32, stdout);
                    fputs(MY_MODEL_SHA256, stdout);
                    return 0;
                }
                """);
        Path exe = tmp.resolve("dump");
        exec(List.of("cc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-o", exe.toString(), prog.toString()), tmp);
        byte[] dumped = exec(List.of(exe.toString()), tmp);
        assertEquals(image.length + 32 + 64, dumped.length);
        assertArrayEquals(image, java.util.Arrays.copyOfRange(dumped, 0, image.length));
        assertEquals(sha, Hex.encode(dumped, image.length, image.length + 32));
        assertEquals(sha, new String(dumped, image.length + 32, 64, StandardCharsets.US_ASCII));
    }

    @Test
    void exportRefusesMissingAndEmptyImagesAndBadNames() throws Exception {
        Path header = tmp.resolve("m.h");
        assertEquals(2, run("export", tmp.resolve("none.img").toString(), "--c-header", header.toString()));
        assertTrue(err.contains("none.img"), err);
        Path empty = tmp.resolve("empty.img");
        Files.write(empty, new byte[0]);
        assertEquals(2, run("export", empty.toString(), "--c-header", header.toString()));
        assertTrue(err.contains("empty"), err);
        Files.write(empty, new byte[] {1});
        assertEquals(2, run("export", empty.toString(), "--c-header", header.toString(), "--name", "9lives"));
        assertTrue(err.contains("9lives"), err);
        assertEquals(2, run("export", empty.toString(), "--c-header", header.toString(), "--name", "for"));
        assertTrue(err.contains("--name for is a C keyword"), err);
        assertEquals(2, run("export", empty.toString()), "--c-header is required");
        assertFalse(Files.exists(header));
    }

    @Test
    void identifiersAreSanitised() {
        assertEquals("model", CHeader.identifier("model.h"));
        assertEquals("model_8bit", CHeader.identifier("model-8bit.h"));
        assertEquals("m_8", CHeader.identifier("8.h"));
        assertEquals("m_int", CHeader.identifier("int.h"));
        assertEquals("_h", CHeader.identifier(".h"));
    }

    @Test
    void completionScriptCoversTheCommands() {
        assertEquals(0, run("completion"), err);
        assertTrue(out.startsWith("#!/usr/bin/env bash"), out.substring(0, Math.min(80, out.length())));
        for (String word : List.of("report", "export", "train", "completion", "--c-header", "--no-report")) {
            assertTrue(out.contains(word), word);
        }
        assertTrue(out.contains("complete -F"), "registers a completion function");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] exec(List<String> cmd, Path dir) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + cmd);
        assertEquals(0, p.exitValue(), "exit code of " + cmd);
        return stdout;
    }
}
