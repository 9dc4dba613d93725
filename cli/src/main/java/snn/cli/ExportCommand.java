package snn.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import snn.cli.json.ExportJson;
import snn.support.AtomicFiles;
import snn.support.Json;
import snn.support.Sha256;
import snn.support.SnnException;

/** {@code snn export IMAGE --c-header FILE}: a device image as a C array, for firmware that compiles the model in. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a file (normally a device image from snn quantize) as a C header: a const, 4-byte"
                + " aligned unsigned char array, its length and its SHA-256 (as a string macro and as bytes).",
                "Names come from the header's file name: model.h gives model[], model_len, MODEL_SHA256, model_sha256[]."})
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The file to export.")
    Path image;

    @Option(names = "--c-header", paramLabel = "FILE", required = true, description = "The C header to write.")
    Path header;

    @Option(names = "--name", paramLabel = "IDENT", description = "C name of the array (default: from the header's file name).")
    String name;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(image)) {
            throw SnnException.badInput("image " + image + " does not exist or is not a file");
        }
        AtomicFiles.checkWritableFile("--c-header", header);
        byte[] data = Files.readAllBytes(image);
        if (data.length == 0) {
            throw SnnException.badInput("image " + image + " is empty: a C array needs at least one byte");
        }
        Path fileName = header.getFileName();
        if (fileName == null) {
            throw SnnException.badInput("--c-header " + header + " has no file name");
        }
        String id = name != null ? name : CHeader.identifier(fileName.toString());
        if (!id.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw SnnException.badInput("--name " + id + " is not a C identifier (letters, digits, _; not first a digit)");
        }
        if (CHeader.KEYWORDS.contains(id)) {
            throw SnnException.badInput("--name " + id + " is a C keyword: the header would not compile; give another --name");
        }
        String text = CHeader.render(data, id, image.getFileName().toString());
        AtomicFiles.write(header, text.getBytes(StandardCharsets.US_ASCII));
        String sha = Sha256.hexOf(data);
        if (common.json) {
            common.out().println(Json.pretty(new ExportJson(image.toString(), header.toString(), id, data.length, sha)));
        } else {
            common.out().println("export: " + header + ": " + id + "[" + data.length + "], sha256 " + sha);
        }
        return 0;
    }
}
