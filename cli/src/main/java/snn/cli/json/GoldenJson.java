package snn.cli.json;

/** {@code snn golden --json}: the golden vectors written. */
public record GoldenJson(String out, int cases, long records, long seed) {
}
