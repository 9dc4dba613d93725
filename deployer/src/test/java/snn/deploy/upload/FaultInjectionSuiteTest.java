package snn.deploy.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import snn.deploy.link.SimLink;
import snn.sim.board.Board;
import snn.sim.board.FaultInjector;
import snn.sim.board.FaultSpec;
import snn.sim.board.MemoryFlash;
import snn.sim.board.PowerCutFlash;
import snn.sim.board.TrailingShaValidator;
import snn.support.SnnException;

/**
 * Randomized deploys through the in-process link with every kind of fault, each scenario from its
 * own seed. After each one the board is power-cycled and its active model must be, byte for byte,
 * the old image or the new one; the deploy must have succeeded or failed with a message; and a
 * clean retry must then succeed.
 */
class FaultInjectionSuiteTest {
    static final int SCENARIOS = 1200;
    static final String[] KINDS = {"flip", "drop", "dup", "dropframe", "dupframe", "disconnect", "powercut", "mixed"};

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everyScenarioLeavesOldOrNewModel() {
        int[] succeeded = new int[KINDS.length];
        int[] failed = new int[KINDS.length];
        int[] faulted = new int[KINDS.length];
        int[] resumedByKind = new int[KINDS.length];
        int resumed = 0;
        int badImages = 0;
        for (int s = 0; s < SCENARIOS; s++) {
            Random rnd = new Random(0x5EED0000L + s);
            int kind = s % KINDS.length;
            boolean corrupt = rnd.nextInt(20) == 0;
            Scenario sc = new Scenario(s, KINDS[kind], rnd, corrupt);
            boolean ok = sc.run();
            if (ok) {
                succeeded[kind]++;
            } else {
                failed[kind]++;
            }
            resumed += sc.resumed ? 1 : 0;
            resumedByKind[kind] += sc.resumed ? 1 : 0;
            faulted[kind] += sc.faults > 0 ? 1 : 0;
            badImages += corrupt ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder("fault suite: " + SCENARIOS + " scenarios, " + badImages + " with a corrupt image, "
                + resumed + " resumed a partial upload (after a reconnect, or in a clean retry)\n");
        for (int k = 0; k < KINDS.length; k++) {
            sb.append(String.format(Locale.ROOT, "  %-10s succeeded %4d  failed cleanly %4d  with faults %4d  resumed %4d%n",
                    KINDS[k], succeeded[k], failed[k], faulted[k], resumedByKind[k]));
        }
        System.out.print(sb);
        int perKind = SCENARIOS / KINDS.length;
        for (int k = 0; k < KINDS.length; k++) {
            assertTrue(succeeded[k] > 0, KINDS[k] + ": no scenario succeeded\n" + sb);
            // the faults must really happen, or the suite proves nothing about them
            assertTrue(faulted[k] >= perKind / 2, KINDS[k] + ": faults were injected in only " + faulted[k] + " of " + perKind
                    + " scenarios\n" + sb);
        }
        // a cut link or a cut power supply must be followed by a resumed upload, not a restart from 0
        for (String k : new String[] {"disconnect", "powercut", "mixed"}) {
            int i = Arrays.asList(KINDS).indexOf(k);
            assertTrue(resumedByKind[i] > 0, k + ": no scenario resumed a partial upload\n" + sb);
        }
    }

    /** One randomized deploy of image B over a board that holds image A (or nothing). */
    static final class Scenario {
        final int id;
        final String kind;
        final Random rnd;
        final boolean corrupt;
        boolean resumed;
        /** Faults injected into this scenario's deploy (link faults, plus 1 when the power was cut). */
        long faults;

        Scenario(int id, String kind, Random rnd, boolean corrupt) {
            this.id = id;
            this.kind = kind;
            this.rnd = rnd;
            this.corrupt = corrupt;
        }

        boolean run() {
            MemoryFlash mem = new MemoryFlash(SimBoards.PROFILE.flashBytes(), 1024);
            byte[] a = rnd.nextInt(4) == 0 ? null : SimBoards.image(rnd, 100 + rnd.nextInt(12000));
            if (a != null) {
                new Uploader(SimLink.connector(SimBoards.board(mem), new FaultInjector(FaultSpec.NONE, rnd), null),
                        Uploader.Options.DEFAULT, null, null).upload(a);
            }
            byte[] b = SimBoards.image(rnd, 1 + rnd.nextInt(24000));
            if (corrupt) {
                b[rnd.nextInt(b.length - 32)] ^= 1; // self-check fails: must be refused, A kept
            }
            int chunk = new int[] {64, 256, 1000, 1024}[rnd.nextInt(4)];
            int window = 1 + rnd.nextInt(8);
            FaultSpec spec = faults(b.length, chunk);
            PowerCutFlash flash = new PowerCutFlash(mem, spec.powerCutAt(), rnd);
            Board board = SimBoards.board(flash);
            Uploader.Options opts = new Uploader.Options(chunk, window, 8, 6);
            String where = "scenario " + id + " (" + kind + ", " + spec + ", chunk " + chunk + ", window " + window
                    + ", image " + b.length + (corrupt ? ", corrupt" : "") + ")";
            boolean ok;
            FaultInjector injector = new FaultInjector(spec, rnd);
            try {
                UploadResult r = new Uploader(SimLink.connector(board, injector, null), opts, null, null).upload(b);
                ok = true;
                resumed |= r.resumedFrom() > 0 || r.resumes() > 0;
                assertTrue(!corrupt, where + ": a corrupt image was accepted");
            } catch (SnnException e) {
                ok = false;
                assertNotNull(e.getMessage(), where);
                assertTrue(e.getMessage().startsWith("sim: "), where + ": message does not name the port: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError(where + ": deploy crashed", e);
            }
            faults = injector.injected() + (flash.cut() ? 1 : 0);
            // power-cycle the board: what does flash say now?
            Board after = SimBoards.board(mem);
            byte[] active = after.activeModelFromFlash();
            byte[] sha = active == null ? null : TrailingShaValidator.sha256(active);
            if (ok) {
                assertArrayEquals(b, active, where + ": deploy succeeded but the new image is not active");
            } else if (active == null) {
                assertEquals(null, a, where + ": the old model vanished");
            } else if (!(a != null && MessageDigest.isEqual(sha, TrailingShaValidator.sha256(a)))
                    && !MessageDigest.isEqual(sha, TrailingShaValidator.sha256(b))) {
                fail(where + ": active model is neither the old nor the new image");
            }
            if (active != null) {
                assertTrue(Arrays.equals(sha, after.state().activeSha()), where + ": slot bytes differ from the recorded SHA-256");
            }
            if (!ok && !corrupt) {
                // the same deploy on a healthy link now succeeds, resuming where it can
                UploadResult retry = new Uploader(SimLink.connector(after, new FaultInjector(FaultSpec.NONE, rnd), null),
                        opts, null, null).upload(b);
                resumed |= retry.resumedFrom() > 0 || retry.resumes() > 0;
                assertArrayEquals(b, after.activeModelFromFlash(), where + ": clean retry did not activate the image");
            }
            return ok;
        }

        private FaultSpec faults(int size, int chunk) {
            int writes = size / chunk + size / 1024 + size / 4096 + 6; // programs, erases, journal records
            double p = rnd.nextDouble();
            return switch (kind) {
                case "flip" -> new FaultSpec(p * 2e-3, 0, 0, 0, 0, 0, 0);
                case "drop" -> new FaultSpec(0, p * 2e-3, 0, 0, 0, 0, 0);
                case "dup" -> new FaultSpec(0, 0, p * 2e-3, 0, 0, 0, 0);
                case "dropframe" -> new FaultSpec(0, 0, 0, p * 0.3, 0, 0, 0);
                case "dupframe" -> new FaultSpec(0, 0, 0, 0, p * 0.5, 0, 0);
                case "disconnect" -> new FaultSpec(0, 0, 0, 0, 0, p * 0.08, 0);
                case "powercut" -> new FaultSpec(0, 0, 0, 0, 0, 0, 1 + rnd.nextInt(writes));
                default -> new FaultSpec(p * 5e-4, p * 5e-4, p * 5e-4, p * 0.05, p * 0.05, p * 0.02,
                        rnd.nextBoolean() ? 1 + rnd.nextInt(writes) : 0);
            };
        }
    }
}
