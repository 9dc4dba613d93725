package snn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.cli.json.DeviceJson;
import snn.cli.json.MiscJson;
import snn.deploy.link.Link;
import snn.deploy.link.Links;
import snn.deploy.upload.DeviceClient;
import snn.deploy.upload.LinkLost;
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
        spec.commandLine().usage(spec.commandLine().getErr());
        return SnnException.USAGE;
    }

    /** {@code snn device info}: the board's hello answer. */
    @Command(name = "info", description = "Show a board's profile, flash, active model and any pending upload.")
    public static final class Info implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = Links.SIM, description = "Serial device, tcp://127.0.0.1:N or sim.")
        String port;

        @Mixin
        BaudOption line;

        @Override
        public Integer call() throws Exception {
            Link.Connector connector = Links.connector(port, line.baud);
            DeviceInfo info;
            try (DeviceClient c = new DeviceClient(connector.open(), null)) {
                info = c.hello();
            } catch (LinkLost e) {
                throw SnnException.checkFailed(port + ": no answer from the device (" + e.getMessage() + ")");
            } catch (java.io.IOException e) {
                throw SnnException.checkFailed(e.getMessage());
            }
            DeviceJson d = DeviceJson.of(info);
            if (common.json) {
                common.out().println(Json.pretty(Json.concat(new MiscJson.Port(port), d)));
            } else {
                common.out().println("port: " + port);
                d.lines().forEach(common.out()::println);
            }
            return 0;
        }
    }
}
