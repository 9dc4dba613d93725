package snn.cli.json;

/** {@code snn export --json}: the C header written. */
public record ExportJson(String image, String header, String name, int bytes, String sha256) {
}
