package snn.fwtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import snn.deploy.link.Link;
import snn.deploy.link.SerialLink;
import snn.deploy.link.SimLink;
import snn.sim.board.Board;
import snn.sim.board.BoardProfile;
import snn.sim.board.FaultInjector;
import snn.sim.board.FaultSpec;
import snn.sim.board.Flash;
import snn.sim.board.FlashLayout;
import snn.sim.board.MemoryFlash;
import snn.sim.board.PowerCutFlash;

/** One device implementation under the conformance suite, with flash that survives its reboots. */
interface Device extends AutoCloseable {
    String name();

    /** A connector to the device as it runs now. */
    Link.Connector connector();

    /**
     * Power-cycles the device: it restarts from its flash. With {@code cutAtWrite > 0}, the
     * cutAtWrite-th flash write after the restart is torn and the power goes (the device stops).
     */
    void powerCycle(long cutAtWrite) throws IOException, InterruptedException;

    @Override
    void close() throws Exception;

    /** The Java emulator: firmware-sim's Board with the image parser, self-test and loop plugged in. */
    /** The two implementations a conformance-style test runs against, by the names its parameters carry. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> kinds() {
        return java.util.stream.Stream.of(org.junit.jupiter.params.provider.Arguments.of("java-emulator"),
                org.junit.jupiter.params.provider.Arguments.of("c-firmware-host"));
    }

    /** One of {@link #kinds()}: the Java emulator, or the C host build (skipped when it could not be built). */
    static Device open(String which, Path hostFirmware, Path dir) throws IOException, InterruptedException {
        if (which.equals("java-emulator")) {
            return java();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(hostFirmware != null, FirmwareTools.hostMissing());
        return cHost(hostFirmware, dir);
    }

    static Device java() {
        return new Device() {
            private final BoardProfile profile = new BoardProfile("mps2-an385", 4 << 20, 4 << 20);
            private final MemoryFlash flash = new MemoryFlash(profile.flashBytes(), FlashLayout.SECTOR);
            private Board board = boot(flash);

            private Board boot(Flash f) {
                return new Board(profile, f, FlashLayout.forProfile(profile), snn.sim.emulator.Firmware.validator(), snn.sim.emulator.Firmware.engine());
            }

            @Override
            public String name() {
                return "java-emulator";
            }

            @Override
            public Link.Connector connector() {
                Board b = board;
                return () -> new SimLink(b, new FaultInjector(FaultSpec.NONE, new Random(0)), null);
            }

            @Override
            public void powerCycle(long cutAtWrite) {
                board = boot(cutAtWrite > 0 ? new PowerCutFlash(flash, cutAtWrite, new Random(1)) : flash);
            }

            @Override
            public void close() {
            }
        };
    }

    /** The C firmware's host port (built with AddressSanitizer and UBSan), flash in a file. */
    static Device cHost(Path executable, Path dir) throws IOException, InterruptedException {
        Path flash = dir.resolve("flash.bin");
        Files.deleteIfExists(flash);
        return new Device() {
            private CFirmwareProcess process = start(-1);

            private CFirmwareProcess start(long cut) throws IOException, InterruptedException {
                List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--pty", "--flash", flash.toString()));
                if (cut > 0) {
                    cmd.addAll(List.of("--power-cut-after", Long.toString(cut)));
                }
                return new CFirmwareProcess(cmd);
            }

            @Override
            public String name() {
                return "c-firmware-host";
            }

            @Override
            public Link.Connector connector() {
                String pty = process.pty();
                return () -> new SerialLink(pty, 921600);
            }

            @Override
            public void powerCycle(long cutAtWrite) throws IOException, InterruptedException {
                process.close();
                process = start(cutAtWrite);
            }

            @Override
            public void close() throws InterruptedException {
                process.close();
            }
        };
    }
}
