package snn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.deploy.profile.Profiles;
import snn.sim.emulator.Emulator;
import snn.sim.board.FaultSpec;
import snn.support.SnnException;

/** {@code snn emulate}: an emulated board on a pty or TCP port, serving the deploy protocol until stopped. */
@Command(name = "emulate", description = "Serve an emulated board on a pseudo-terminal or a TCP port until stopped."
        + " The first stdout line names where: 'pty: /dev/pts/N' or 'tcp: 127.0.0.1:PORT'.")
public final class EmulateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    static final class Where {
        @Option(names = "--pty", required = true, description = "Open a pseudo-terminal (openpty) and serve its master side.")
        boolean pty;

        @Option(names = "--tcp", required = true, paramLabel = "PORT", description = "Serve on 127.0.0.1:PORT (0 = any free port).")
        Integer tcp;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    @Option(names = "--profile", defaultValue = Profiles.DEFAULT_BOARD,
            description = "Device profile the board plays, as the quantizer knows them (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--profile-file", paramLabel = "FILE", description = "A profile of your own (see snn quantize --help).")
    java.nio.file.Path profileFile;

    @Option(names = "--flash", paramLabel = "FILE", description = "Keep the board's flash in FILE across restarts (default: in memory).")
    Path flash;

    @Option(names = "--baud", defaultValue = "115200", description = "Pace both directions like a UART at this rate, 8N1; 0 = unpaced (default: ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--faults", paramLabel = "SPEC", description = "Inject faults, e.g. flip=1e-4,drop=1e-4,dup=1e-4,dropframe=0.01,"
            + "dupframe=0.01,disconnect=0.001,powercut=N (power lost at the Nth flash write).")
    String faults;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the fault injector's RNG (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--trust", paramLabel = "PUB", description = "Provision the board at start with this Ed25519 public key"
            + " (PEM, from snn keys generate); repeat for up to 4 keys. From then on only images signed by one of them commit.")
    java.util.List<Path> trust = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (trust.size() > 4) {
            throw SnnException.badInput("--trust given " + trust.size() + " times: a board trusts at most 4 keys");
        }
        byte[][] keys = new byte[trust.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = snn.protocol.sign.Ed25519.readPublic(trust.get(i));
        }
        if (baud < 0) {
            throw SnnException.badInput("--baud " + baud + ": must be >= 0");
        }
        if (where.tcp != null && (where.tcp < 0 || where.tcp > 65535)) {
            throw SnnException.badInput("--tcp " + where.tcp + ": must be 0..65535");
        }
        Emulator emu = new Emulator(Profiles.board(Profiles.resolve(profile, profileFile)), flash, baud, FaultSpec.parse(faults), seed,
                common.quiet ? null : System.err, keys);
        if (where.pty) {
            emu.runPty(System.out);
        } else {
            emu.runTcp(where.tcp, System.out);
        }
        return 0;
    }
}
