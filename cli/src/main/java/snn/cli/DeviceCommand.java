package snn.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.deploy.link.Link;
import snn.deploy.link.Links;
import snn.deploy.upload.DeviceClient;
import snn.deploy.upload.LinkLost;
import snn.deploy.upload.UploadResult;
import snn.protocol.wire.DeviceInfo;
import snn.support.Json;
import snn.support.SnnException;

/** {@code snn device ...}: talk to one board. */
@Command(name = "device", description = "Query a board over the deploy protocol.",
        subcommands = {DeviceCommand.Info.class, DeviceEvalCommand.class, DeviceTrustCommand.class})
public final class DeviceCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return SnnException.USAGE;
    }

    /** {@code snn device info}: the board's hello answer. */
    @Command(name = "info", description = "Show a board's profile, flash, active model and any pending upload.")
    public static final class Info implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--port", defaultValue = Links.SIM, description = "Serial device, tcp://127.0.0.1:N or sim (default: ${DEFAULT-VALUE}).")
        String port;

        @Option(names = "--baud", defaultValue = "115200", description = "Line rate (default: ${DEFAULT-VALUE}).")
        int baud;

        @Override
        public Integer call() throws Exception {
            Link.Connector connector = Links.connector(port, baud);
            DeviceInfo info;
            try (DeviceClient c = new DeviceClient(connector.open(), null)) {
                info = c.hello();
            } catch (LinkLost e) {
                throw SnnException.checkFailed(port + ": no answer from the device (" + e.getMessage() + ")");
            } catch (java.io.IOException e) {
                throw SnnException.checkFailed(e.getMessage());
            }
            Map<String, Object> m = UploadResult.deviceJson(info);
            if (common.json) {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                out.put("port", port);
                out.putAll(m);
                System.out.println(Json.pretty(out));
            } else {
                System.out.println("port: " + port);
                m.forEach((k, v) -> System.out.println(k + ": " + (v == null ? "-" : v)));
            }
            return 0;
        }
    }
}
