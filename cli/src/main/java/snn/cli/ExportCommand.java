package snn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import snn.cli.json.ExportJson;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageParser;
import snn.sim.image.ImageNetworks;
import snn.support.AtomicFiles;
import snn.support.Hex;
import snn.support.Json;
import snn.support.SnnException;

/** {@code snn export IMAGE --c-header FILE}: a device image as a C header and source pair, for firmware that compiles the model in. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a device image (from snn quantize) as C: a header that declares a 4-byte aligned const"
                + " unsigned char array, its length and its SHA-256 (as a string macro and as bytes), and a source"
                + " file beside it that defines them (model.h and model.c), as TFLM's array generator does.",
                "The image is first checked as the board checks it (parser and self-test); --raw exports any file.",
                "Names come from the header's file name: model.h gives model[], model_len, MODEL_LEN, MODEL_SHA256,"
                        + " model_sha256[]."})
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image to export.")
    Path image;

    @Option(names = "--c-header", paramLabel = "FILE", required = true,
            description = "The C header to write; the source goes beside it (FILE with .h replaced by .c).")
    Path header;

    @Option(names = "--name", paramLabel = "IDENT", description = "C name of the array (default: from the header's file name).")
    String name;

    @Option(names = "--raw", description = "Export any file: skip the device image checks.")
    boolean raw;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(image)) {
            throw SnnException.badInput("image " + image + " does not exist or is not a file");
        }
        Path fileName = header.getFileName();
        if (fileName == null) {
            throw SnnException.badInput("--c-header " + header + " has no file name");
        }
        String headerName = fileName.toString();
        if (!headerName.matches("[\\x20-\\x7e&&[^\"\\\\]]+")) {
            throw SnnException.badInput("--c-header " + header + ": the file name must be printable ASCII without"
                    + " \" or \\ (the source includes it by name)");
        }
        String id = name != null ? name : CHeader.identifier(headerName);
        String problem = CHeader.problem(id);
        if (problem != null) {
            throw SnnException.badInput("--name " + id + " " + problem + "; give another --name");
        }
        Path source = header.resolveSibling(CHeader.sourceName(headerName));
        AtomicFiles.checkWritableFile("--c-header", header);
        AtomicFiles.checkWritableFile("--c-header's source", source);
        byte[] data = Files.readAllBytes(image);
        if (data.length == 0) {
            throw SnnException.badInput("image " + image + " is empty: a C array needs at least one byte");
        }
        if (!raw) {
            check(data);
        }
        byte[] digest = CHeader.digest(data);
        String imageName = image.getFileName().toString();
        writePair(source, CHeader.source(data, digest, id, imageName, headerName),
                CHeader.header(data.length, digest, id, imageName, source.getFileName().toString()));
        String sha = Hex.encode(digest);
        if (common.json) {
            common.out().println(Json.pretty(new ExportJson(image.toString(), header.toString(), source.toString(), id,
                    data.length, sha, !raw)));
        } else {
            common.out().println("export: " + header + " and " + source + ": " + id + "[" + data.length + "], sha256 "
                    + sha + (raw ? " (--raw: not checked as a device image)" : ""));
        }
        return 0;
    }

    /**
     * What a board checks before it runs an image: the spec parser (the emulator's and, check for
     * check, the C firmware's) and the known-answer self-test. A corrupt image compiled into firmware
     * would only fail on the board.
     */
    private void check(byte[] data) {
        DeviceImage m = ImageParser.parse(data, image.toString()); // names file, field, offset, value and limit
        String failed = ImageNetworks.runSelfTest(m);
        if (failed != null) {
            throw SnnException.badInput(image + ": field selftest: " + failed + " (corrupt image; --raw exports it anyway)");
        }
    }

    /** The source first, then the header; a failed header write takes a new source back out. */
    private void writePair(Path source, String sourceText, String headerText) throws IOException {
        boolean sourceExisted = Files.exists(source);
        AtomicFiles.write(source, sourceText.getBytes(StandardCharsets.US_ASCII));
        try {
            AtomicFiles.write(header, headerText.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            if (!sourceExisted) {
                Files.deleteIfExists(source);
            }
            throw e;
        }
    }
}
