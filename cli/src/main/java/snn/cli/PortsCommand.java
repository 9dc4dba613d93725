package snn.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jssc.SerialPortList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import snn.support.Json;

/** {@code snn ports}: the serial ports jssc finds. */
@Command(name = "ports", description = "List serial ports (jssc). Pseudo-terminals (/dev/pts/N) are not listed;"
        + " pass them to --port directly.")
public final class PortsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        List<String> ports = List.of(SerialPortList.getPortNames());
        if (common.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ports", ports);
            m.put("note", "pseudo-terminals (/dev/pts/N) are not listed; pass them to --port directly");
            System.out.println(Json.pretty(m));
        } else {
            ports.forEach(System.out::println);
            if (!common.quiet) {
                System.err.println(ports.size() + " serial port(s); pseudo-terminals (/dev/pts/N) are not listed,"
                        + " pass them to --port directly");
            }
        }
        return 0;
    }
}
