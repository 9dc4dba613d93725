package snn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.deploy.link.Links;
import snn.deploy.upload.DeviceClient;
import snn.deploy.upload.DeviceException;
import snn.deploy.upload.LinkLost;
import snn.protocol.sign.Ed25519;
import snn.protocol.sign.TrustMessage;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.Status;
import snn.support.Json;
import snn.support.SnnException;

/** {@code snn device trust}: provisions or replaces a board's trust store (docs/device-spec.md section 15.3). */
@Command(name = "trust", description = "Provision a board's trust store with 1..4 Ed25519 public keys. An unprovisioned"
        + " board takes them as they are; a provisioned board only with --sign-with, a private key it trusts now."
        + " From then on the board commits only images signed by a trusted key.")
public final class DeviceTrustCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "PORT", required = true, description = "Serial device, tcp://127.0.0.1:N or sim.")
    String port;

    @Mixin
    BaudOption line;

    @Option(names = "--key", required = true, paramLabel = "PUB", description = "A public key to trust (snn keys generate);"
            + " repeat for up to 4. The list replaces the board's whole trust store.")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--sign-with", paramLabel = "KEY", description = "Private key of a currently trusted key: signs the"
            + " replacement of a provisioned board's trust store.")
    Path signWith;

    @Override
    public Integer call() throws Exception {
        if (keys.size() > TrustMessage.MAX_KEYS) {
            throw SnnException.badInput("--key given " + keys.size() + " times: a board trusts at most 4 keys");
        }
        List<byte[]> raw = new ArrayList<>();
        for (Path k : keys) {
            raw.add(Ed25519.readPublic(k));
        }
        java.security.PrivateKey signer = signWith == null ? null : Ed25519.readPrivate(signWith);
        Links.checkBaud(line.baud);
        Status st;
        DeviceInfo info;
        try (DeviceClient c = new DeviceClient(Links.connector(port, line.baud).open(), null)) {
            info = c.hello();
            if (!info.getCanVerify()) {
                throw SnnException.checkFailed(port + ": firmware " + info.getFirmwareVersion() + " on " + info.getProfile()
                        + " cannot verify signatures (built without them, see docs/porting.md): it cannot be provisioned");
            }
            byte[] sig = new byte[0];
            if (info.getTrustedKeyIdsCount() > 0) {
                if (signer == null) {
                    throw SnnException.badInput(port + " is provisioned (key ids " + ids(info) + "): replacing its trust store"
                            + " needs --sign-with, the private key of one of them");
                }
                int generation = c.status().getTrustGeneration();
                sig = Ed25519.sign(signer, TrustMessage.of(generation, raw));
            }
            st = c.trust(raw, sig);
        } catch (DeviceException e) {
            throw SnnException.checkFailed(e.getMessage());
        } catch (LinkLost e) {
            throw SnnException.checkFailed(port + ": no answer from the device (" + e.getMessage() + ")");
        }
        List<String> ids = new ArrayList<>();
        st.getTrustedKeyIdsList().forEach(k -> ids.add(Ed25519.hex(k.toByteArray())));
        if (common.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("port", port);
            j.put("trusted_key_ids", ids);
            j.put("trust_generation", st.getTrustGeneration());
            common.out().println(Json.pretty(j));
        } else {
            common.out().println(port + ": trusts key ids " + String.join(", ", ids) + " (generation " + st.getTrustGeneration()
                    + "); only images signed by them commit from now on");
        }
        common.out().flush();
        return 0;
    }

    private static String ids(DeviceInfo info) {
        List<String> ids = new ArrayList<>();
        info.getTrustedKeyIdsList().forEach(k -> ids.add(Ed25519.hex(k.toByteArray())));
        return String.join(", ", ids);
    }
}
