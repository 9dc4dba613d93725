package snn.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.protocol.sign.Ed25519;
import snn.support.AtomicFiles;
import snn.support.Json;
import snn.support.SnnException;

/** {@code snn keys generate}: an Ed25519 signing key pair for signed images (docs/device-spec.md section 15). */
@Command(name = "keys", description = "Signing keys for device images.", subcommands = {KeysCommand.Generate.class})
public final class KeysCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return SnnException.USAGE;
    }

    @Command(name = "generate", description = "Write an Ed25519 key pair: DIR/NAME.key (private, PKCS#8 PEM, mode 0600)"
            + " and DIR/NAME.pub (public, X.509 PEM). Prints the key id (first 8 bytes of SHA-256 of the raw public key).")
    public static final class Generate implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the key files (created if missing).")
        Path out;

        @Option(names = "--name", paramLabel = "STEM", defaultValue = "snn-signing", description = "File name stem.")
        String name;

        @Override
        public Integer call() throws Exception {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw SnnException.badInput("--name " + name + ": use letters, digits, '.', '_' and '-' only");
            }
            Files.createDirectories(out);
            Path priv = out.resolve(name + ".key");
            Path pub = out.resolve(name + ".pub");
            for (Path p : new Path[] {priv, pub}) {
                if (Files.exists(p)) {
                    throw SnnException.badInput(p + ": exists; refusing to overwrite a key (choose another --out or --name)");
                }
            }
            KeyPair kp = Ed25519.generate();
            // the private key is written owner-only from the start: a temp file created 0600, then moved
            Path tmp = Files.createTempFile(out, "." + name, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, Ed25519.privatePem(kp.getPrivate()), StandardCharsets.US_ASCII);
                Files.move(tmp, priv, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            AtomicFiles.write(pub, Ed25519.publicPem(kp.getPublic()).getBytes(StandardCharsets.US_ASCII));
            String id = Ed25519.hex(Ed25519.keyId(Ed25519.raw(kp.getPublic())));
            if (common.json) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("private_key", priv.toString());
                j.put("public_key", pub.toString());
                j.put("key_id", id);
                common.out().println(Json.pretty(j));
            } else {
                common.out().println(priv + ": Ed25519 private key (mode 0600; keep it secret)");
                common.out().println(pub + ": public key, key id " + id);
            }
            common.out().flush();
            return 0;
        }
    }
}
