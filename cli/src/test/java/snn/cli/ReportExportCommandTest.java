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
        Files.write(dir.resolve("model.snn"), withDeviceLoop(snn.report.ReportTest.synthetic(true, true)).toByteArray());
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

    /**
     * A real device image as a header and source pair (TFLM's layout): the header only declares, so two
     * files that include it link against the one definition; the program checks alignment, length,
     * every byte and the digest. Fails against a single header that defines the array.
     */
    @Test
    void cPairCompilesLinksFromTwoFilesAndHoldsTheImagesBytesAndDigest() throws Exception {
        Assumptions.assumeTrue(onPath("cc"), "no cc on the PATH");
        byte[] image = deviceImage();
        Path img = tmp.resolve("model.img");
        Files.write(img, image);
        Path header = tmp.resolve("my-model.v1.h");
        assertEquals(0, run("export", img.toString(), "--c-header", header.toString(), "--json"), err);
        Map<String, Object> j = Json.parseObject(out);
        assertEquals("my_model", j.get("name"));
        assertEquals((double) image.length, j.get("bytes"));
        assertEquals(tmp.resolve("my-model.v1.c").toString(), j.get("source"));
        assertEquals(true, j.get("checked"));
        String sha = Sha256.hexOf(image);
        assertEquals(sha, j.get("sha256"));
        String headerText = Files.readString(header);
        assertTrue(headerText.contains("extern const unsigned char my_model[MY_MODEL_LEN];"), headerText);
        assertFalse(headerText.contains("0x"), "the header declares; the bytes are in the source");

        Path other = tmp.resolve("other.c"); // a second includer: with definitions in the header it would not link
        Files.writeString(other, """
                #include "my-model.v1.h"
                unsigned int other_first(void) { return my_model[0]; }
                """);
        Path prog = tmp.resolve("dump.c");
        Files.writeString(prog, """
                #include <stdio.h>
                #include <stdint.h>
                #include "my-model.v1.h"
                #include "my-model.v1.h" /* the include guard must make a second include harmless */
                unsigned int other_first(void);
                int main(void) {
                    if (((uintptr_t) my_model & 3u) != 0) return 3;
                    if (sizeof my_model != my_model_len || MY_MODEL_LEN != my_model_len) return 4;
                    if (my_model[0] != 0x53 || my_model[1] != 0x4e || other_first() != 0x53) return 5; /* "SN" of SNNI */
                    fwrite(my_model, 1, my_model_len, stdout);
                    fwrite(my_model_sha256, 1, 32, stdout);
                    fputs(MY_MODEL_SHA256, stdout);
                    return 0;
                }
                """);
        List<String> objects = new ArrayList<>();
        for (String c : List.of("my-model.v1.c", "other.c", "dump.c")) {
            String o = c.replace(".c", ".o");
            exec(List.of("cc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-c", "-o", o, c), tmp);
            objects.add(o);
        }
        List<String> link = new ArrayList<>(List.of("cc", "-o", "dump"));
        link.addAll(objects);
        exec(link, tmp);
        byte[] dumped = exec(List.of(tmp.resolve("dump").toString()), tmp);
        assertEquals(image.length + 32 + 64, dumped.length);
        assertArrayEquals(image, java.util.Arrays.copyOfRange(dumped, 0, image.length));
        assertEquals(sha, Hex.encode(dumped, image.length, image.length + 32));
        assertEquals(sha, new String(dumped, image.length + 32, 64, StandardCharsets.US_ASCII));
    }

    /** --raw exports any file: every byte value, an odd length; the pair still compiles. */
    @Test
    void rawExportsAnyFile() throws Exception {
        Assumptions.assumeTrue(onPath("cc"), "no cc on the PATH");
        byte[] data = new byte[1031];
        new SplittableRandom(7).nextBytes(data);
        for (int k = 0; k < 256; k++) {
            data[k] = (byte) k;
        }
        Path file = Files.write(tmp.resolve("blob.bin"), data);
        Path header = tmp.resolve("blob.h");
        assertEquals(2, run("export", file.toString(), "--c-header", header.toString()));
        assertTrue(err.contains("blob.bin") && err.contains("magic"), err);
        assertEquals(0, run("export", file.toString(), "--c-header", header.toString(), "--raw", "--json"), err);
        assertEquals(false, Json.parseObject(out).get("checked"));
        Path prog = tmp.resolve("main.c");
        Files.writeString(prog, """
                #include <stdio.h>
                #include "blob.h"
                int main(void) { fwrite(blob, 1, blob_len, stdout); return 0; }
                """);
        exec(List.of("cc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-o", "main", "main.c", "blob.c"), tmp);
        assertArrayEquals(data, exec(List.of(tmp.resolve("main").toString()), tmp));
    }

    /** A corrupt device image is refused with the parser's own message: file, field, value, limit. Nothing is written. */
    @Test
    void exportRefusesCorruptImages() throws Exception {
        byte[] good = deviceImage();
        Path header = tmp.resolve("m.h");
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1; // a weight bit: only the SHA-256 notices
        Path bad = Files.write(tmp.resolve("flipped.img"), flipped);
        assertEquals(2, run("export", bad.toString(), "--c-header", header.toString()));
        assertTrue(err.contains("flipped.img") && err.contains("sha256") && err.contains("corrupt image"), err);
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 4);
        Path truncated = Files.write(tmp.resolve("cut.img"), cut);
        assertEquals(2, run("export", truncated.toString(), "--c-header", header.toString()));
        assertTrue(err.contains("cut.img") && err.contains("image_bytes") && err.contains("truncated"), err);
        // well formed, but its known answer is not what the network computes: the board would refuse it at commit
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        snn.protocol.image.DeviceImage m = snn.sim.image.ImageNetworks.toImage(snn.core.RandomNetworks.mnistShaped(5, 12),
                8, null, snn.core.RandomNetworks.randomPixels(r, 784), 1);
        m.selfTest.expectedCounts[0] += 1;
        m.selfTest.expectedTotalSpikes += 1;
        Path wrong = Files.write(tmp.resolve("wrong.img"), snn.protocol.image.ImageWriter.write(m));
        assertEquals(2, run("export", wrong.toString(), "--c-header", header.toString()));
        assertTrue(err.contains("wrong.img: field selftest: self-test"), err);
        assertFalse(Files.exists(header));
        assertFalse(Files.exists(tmp.resolve("m.c")));
    }

    @Test
    void exportRefusesMissingAndEmptyImagesAndBadNames() throws Exception {
        Path header = tmp.resolve("m.h");
        assertEquals(2, run("export", tmp.resolve("none.img").toString(), "--c-header", header.toString()));
        assertTrue(err.contains("none.img"), err);
        Path empty = tmp.resolve("empty.img");
        Files.write(empty, new byte[0]);
        assertEquals(2, run("export", empty.toString(), "--c-header", header.toString(), "--raw"));
        assertTrue(err.contains("empty"), err);
        Files.write(empty, new byte[] {1});
        for (String[] bad : new String[][] {{"9lives", "starts with a digit"}, {"for", "is a C keyword"},
                {"alignas", "is a C keyword"}, {"my-model", "has the character '-' at 2"}, {"mod\u00e9l", "has the character '\\u00e9' at 3"},
                {"__x", "starts with an underscore"}, {"_X", "starts with an underscore"},
                {"_x", "starts with an underscore"}, {"main", "is the program's entry point"}}) {
            String name = bad[0];
            assertEquals(2, run("export", empty.toString(), "--c-header", header.toString(), "--raw", "--name", name),
                    name);
            assertTrue(err.contains("--name " + name + " " + bad[1]), err);
        }
        assertEquals(2, run("export", empty.toString(), "--c-header", tmp.resolve("a\"b.h").toString(), "--raw"));
        assertTrue(err.contains("printable ASCII"), err);
        assertEquals(2, run("export", empty.toString()), "--c-header is required");
        assertFalse(Files.exists(header));
        assertFalse(Files.exists(tmp.resolve("m.c")));
    }

    @Test
    void identifiersAreSanitised() {
        assertEquals("model", CHeader.identifier("model.h"));
        assertEquals("model_8bit", CHeader.identifier("model-8bit.h"));
        assertEquals("m_8", CHeader.identifier("8.h"));
        assertEquals("m_int", CHeader.identifier("int.h"));
        assertEquals("m__h", CHeader.identifier(".h"));
        assertEquals("m___x", CHeader.identifier("__x.h"));
        assertEquals("m_main", CHeader.identifier("main.h"));
        assertEquals("model.c", CHeader.sourceName("model.h"));
        assertEquals("model.inc.c", CHeader.sourceName("model.inc"));
    }

    /** A small valid device image: a random 8-bit network with a self-test. */
    private static byte[] deviceImage() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        snn.core.DeviceNetwork net = snn.core.RandomNetworks.mnistShaped(5, 12);
        return snn.protocol.image.ImageWriter.write(snn.sim.image.ImageNetworks.toImage(net, 8, null,
                snn.core.RandomNetworks.randomPixels(r, 784), 1));
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

    /** The model with a loop the device accepts: a model file is read only when every field is in range (ModelChecks). */
    static snn.protocol.model.TrainedModel withDeviceLoop(snn.protocol.model.TrainedModel m) {
        snn.protocol.model.LoopParams.Builder p = m.getLoop().toBuilder().setSteps(50).setIntensity(2).setIntensityMax(6)
                .setMinSpikes(5).setWExcToInh(62000).setThresholdInh(20000).setRefractoryExc(5).setRefractoryInh(2);
        for (int px = 0; px < 256; px++) {
            p.addRateQ16(px * 64);
        }
        return m.toBuilder().setLoop(p).build();
    }
}
