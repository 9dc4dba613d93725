package snn.cli.json;

/**
 * {@code snn export --json}: the C header and source written; {@code checked} is false with --raw
 * (the file was not checked as a device image).
 */
public record ExportJson(String image, String header, String source, String name, int bytes, String sha256,
                         boolean checked) {
}
