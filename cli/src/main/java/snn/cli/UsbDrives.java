package snn.cli;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The drag-and-drop USB drives of boards' programmers: found by volume label or by the marker files
 * at their root, under the usual mount roots, and written with one file.
 */
final class UsbDrives {
    /** A drive found on this machine and the board it belongs to (null when not recognised). */
    record Found(Path path, String label, Boards.Board board, String why) {
    }

    private UsbDrives() {
    }

    /** Where removable drives are mounted here: /media/$USER, /media, /run/media/$USER, /Volumes, drive letters. */
    static List<Path> defaultMountRoots() {
        List<Path> roots = new ArrayList<>();
        String user = System.getProperty("user.name", "");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            for (File r : File.listRoots()) {
                roots.add(r.toPath());
            }
            return roots;
        }
        if (!user.isEmpty()) {
            roots.add(Path.of("/media", user));
        }
        roots.add(Path.of("/media"));
        if (!user.isEmpty()) {
            roots.add(Path.of("/run/media", user));
        }
        roots.add(Path.of("/Volumes"));
        return roots;
    }

    /**
     * The candidate drives under {@code roots}: a root that is itself a file-system root (a Windows
     * drive letter) is a candidate; otherwise its sub-folders are.
     */
    static List<Path> candidates(List<Path> roots) {
        List<Path> out = new ArrayList<>();
        for (Path r : roots) {
            if (r.getParent() == null && r.getRoot() != null && !r.toString().equals("/")) {
                out.add(r);
                continue;
            }
            if (!Files.isDirectory(r)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(r)) {
                for (Path p : ds) {
                    if (Files.isDirectory(p) && !out.contains(p)) {
                        out.add(p);
                    }
                }
            } catch (IOException | SecurityException e) {
                // an unreadable mount root has no drives for us
            }
        }
        return out;
    }

    /** The drive's volume label: its folder name, or the file store's name for a drive letter. */
    static String label(Path drive) {
        Path name = drive.getFileName();
        if (name != null) {
            return name.toString();
        }
        try {
            return Files.getFileStore(drive).name();
        } catch (IOException e) {
            return drive.toString();
        }
    }

    /** Which board's programmer shows this drive: by volume label, else by its marker files; null if none. */
    static Found identify(Path drive) {
        String label = label(drive);
        for (Boards.Board b : Boards.withDrive()) {
            if (b.driveLabel().equalsIgnoreCase(label)) {
                return new Found(drive, label, b, "volume label " + b.driveLabel());
            }
        }
        if (Files.isRegularFile(drive.resolve("INFO_UF2.TXT"))) {
            return new Found(drive, label, Boards.resolve("pico"), "INFO_UF2.TXT");
        }
        Path details = drive.resolve("DETAILS.TXT");
        if (Files.isRegularFile(details)) {
            String text = read(details).toLowerCase(Locale.ROOT);
            if (text.contains("daplink") || text.contains("micro:bit") || text.contains("microbit")
                    || Files.isRegularFile(drive.resolve("MICROBIT.HTM"))) {
                return new Found(drive, label, Boards.resolve("microbit"), "DETAILS.TXT (DAPLink)");
            }
            if (text.contains("st-link") || text.contains("stlink") || text.contains("version: v2j")
                    || text.contains("version: v3j") || Files.isRegularFile(drive.resolve("MBED.HTM"))) {
                return new Found(drive, label, Boards.resolve("nucleo-f411re"), "DETAILS.TXT (ST-LINK)");
            }
        }
        return new Found(drive, label, null, null);
    }

    private static String read(Path p) {
        try {
            byte[] b = Files.readAllBytes(p);
            return new String(b, 0, Math.min(b.length, 4096), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    /** The recognised drives under {@code roots}. */
    static List<Found> scan(List<Path> roots) {
        List<Found> out = new ArrayList<>();
        for (Path p : candidates(roots)) {
            Found f = identify(p);
            if (f.board() != null) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Writes {@code bytes} as {@code drive/name} in one go and flushes it to the device (fsync): no
     * temporary file, no other file on the drive touched.
     */
    static void write(Path drive, String name, byte[] bytes) throws IOException {
        Path target = drive.resolve(name);
        boolean written = false;
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            written = true;
            ch.force(true);
        } catch (IOException e) {
            // The RP2040 boot ROM (and DAPLink) detach the drive as soon as the last block arrives:
            // a flush that fails because the drive is gone after every byte was written is a success.
            if (!(written && !Files.isDirectory(drive))) {
                throw e;
            }
        }
    }
}
