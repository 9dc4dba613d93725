package snn.cli;

import java.util.List;
import java.util.concurrent.Callable;
import jssc.SerialPortList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import snn.cli.json.MiscJson;
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
            common.out().println(Json.pretty(new MiscJson.Ports(ports,
                    "pseudo-terminals (/dev/pts/N) are not listed; pass them to --port directly")));
        } else {
            ports.forEach(common.out()::println);
            if (!common.quiet) {
                common.err().println(ports.size() + " serial port(s); pseudo-terminals (/dev/pts/N) are not listed,"
                        + " pass them to --port directly");
            }
        }
        return 0;
    }
}
