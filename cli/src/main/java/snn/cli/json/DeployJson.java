package snn.cli.json;

import java.util.List;
import snn.deploy.upload.UploadResult;
import snn.support.Hex;

/** {@code snn deploy --json}: one board's result, or with several --port options all of them. */
public final class DeployJson {
    private DeployJson() {
    }

    /**
     * One board: everything the upload did, or, when it failed, only {@code port}, {@code ok} false and
     * {@code error}. {@code baud} is null without a line (sim); {@code linkEfficiency} is null unless
     * {@code paced} (a serial port or a paced pty: not TCP, not sim, see {@link snn.deploy.link.Link#paced()});
     * {@code bytesPerSecond}, image bytes carried per second, is there either way.
     */
    public record Board(String port, boolean ok, Integer bytes, Double seconds, Integer baud, Double linkEfficiency,
                        Boolean paced, Double bytesPerSecond, Long resumedFrom, Long sentBytes, String encoding, Integer streamBytes, Double compressionRatio,
                        Integer reconnects, Boolean alreadyActive, String modelSha256, DeviceJson device, String error) {
        public static Board of(UploadResult r) {
            double e = r.linkEfficiency();
            double bps = r.bytesPerSecond();
            return new Board(r.port(), true, r.bytes(), r.seconds(), r.baud() > 0 ? r.baud() : null,
                    Double.isNaN(e) ? null : e, r.paced(), Double.isNaN(bps) ? null : bps, r.resumedFrom(), r.sentBytes(), r.encoding(), r.streamBytes(),
                    (double) r.streamBytes() / r.bytes(), r.reconnects(), r.alreadyActive(),
                    Hex.encode(r.sha256()), DeviceJson.of(r.device()), null);
        }

        public static Board failed(String port, String error) {
            return new Board(port, false, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, error);
        }
    }

    /** Several boards flashed in parallel. */
    public record Many(String image, String modelSha256, List<Board> boards, int succeeded, int failed) {
    }
}
