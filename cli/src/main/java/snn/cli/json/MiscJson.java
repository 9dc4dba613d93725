package snn.cli.json;

import java.util.List;

/** The small outputs: {@code snn ports --json}, {@code snn completion --json}, where {@code snn report} wrote. */
public final class MiscJson {
    private MiscJson() {
    }

    /** Precedes a device's fields in {@code snn device info --json}. */
    public record Port(String port) {
    }

    public record Ports(List<String> ports, String note) {
    }

    public record Completion(String shell, String script) {
    }

    /** Precedes the report summary's keys in {@code snn report --json}. */
    public record ReportWritten(String runDir, String index) {
    }
}
