package snn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.cli.testing.Cli;
import snn.cli.testing.Strokes;

/**
 * The {@code --json} keys users read stay what they were before the outputs became records: the
 * lists below were captured from the map-built output (/work/notes/i17cli/capture.sh on c17), in
 * order, nested objects as {@code outer.inner} and the first element of a list of objects as
 * {@code list[].key}. The runs are not quiet, so they also show that progress goes through the
 * command's writers and nothing reaches the process's streams.
 */
class JsonKeysTest {
    /** Maps whose keys are data (class names, parameter names), not part of the record. */
    private static final Set<String> OPEN = Set.of("neurons_per_class", "field_size_per_class", "values", "strings", "params");

    @TempDir
    Path tmp;

    @Test
    void theMainCommandsPrintTheKeysTheyAlwaysPrinted() throws Exception {
        Path data = Strokes.write(tmp, 700, 300);
        Path run = tmp.resolve("run");
        Path model = run.resolve("model.snn");
        Path img = run.resolve("m.img");
        expect("dataset neurons norm target_norm adaptive_threshold train_images epochs seed decision test_images"
                        + " test_accuracy test_accuracy_max_neuron test_accuracy_vote train_seconds images_per_second"
                        + " total_seconds model params defaults defaults[].name defaults[].value defaults[].derived"
                        + " defaults[].reason report", // defaults: issue 14's derived values and their reasons
                "train", "--dataset", data.toString(), "--neurons", "9", "--train-images", "600", "--label-images", "300",
                "--target-norm", "3", "--out", model.toString(), "--json");
        expect("bits profile flash_bytes flash_available ram_bytes ram_available fits sha256 image_bytes neurons inputs"
                        + " v_shift dead_neurons dual_slot_flash_bytes stream_decoder_ram_bytes selftest_input selftest_label"
                        + " selftest_spikes signed security_version out", // issue 15: the decoder's RAM, the signature
                "quantize", model.toString(), "--bits", "8", "--profile", "stm32f411", "--out", img.toString(), "--json");
        assertEquals(List.of("model", "model_sha256", "dataset", "image_sha256", "bits", "profile"),
                keys(snn.support.Json.parseObject(java.nio.file.Files.readString(run.resolve("m.img.json"))), ""));
        expect("image sha256 bits neurons dataset images device_accuracy trainer_accuracy delta_pp mismatches"
                        + " images_per_second trainer_images_per_second synaptic_events_per_image steps_per_image threads"
                        + " strict selftest signed security_version model trained_on",
                "verify", img.toString(), "--dataset", data.toString(), "--json");
        expect("image header source name bytes sha256 checked", "export", img.toString(), "--c-header", tmp.resolve("m.h").toString(), "--json");
        String summary = "model dataset neurons image_rows image_cols classes train_images epochs test_images decision"
                + " test_accuracy test_accuracy_max_neuron test_accuracy_vote neurons_per_class thresholds thresholds.unit"
                + " thresholds.min thresholds.mean thresholds.max weights weights.weight_max weights.mean_fraction"
                + " weights.zero_share receptive_fields receptive_fields.mean_weight receptive_fields.near_zero"
                + " receptive_fields.hoyer receptive_fields.selectivity receptive_fields.silent receptive_fields.overlap"
                + " field_size_per_class device figures notes config config.seed config.values config.strings";
        expect("run_dir index " + summary, "report", run.toString(), "--json");
        assertEquals(List.of(summary.split(" ")),
                keys(snn.support.Json.parseObject(java.nio.file.Files.readString(run.resolve("report.json"))), ""));
        String device = "protocol_version firmware_version profile flash_bytes ram_bytes slot_bytes max_chunk model_sha256"
                + " model_size";
        String trust = " can_verify trusted_key_ids active_security_version encodings decoder_ram_bytes"; // issue 15
        expect("port ok bytes seconds paced bytes_per_second resumed_from sent_bytes encoding stream_bytes compression_ratio reconnects already_active"
                        + " model_sha256 device " + ("device." + device.replace(" ", " device.")) + " device.active_slot"
                        + " device.inference" + trust.replace(" ", " device."),
                "deploy", img.toString(), "--port", "sim", "--json");
        expect("port " + device + " inference" + trust, "device", "info", "--port", "sim", "--json");
        expect("benchmark image neurons weight_max images warmup_images threads seconds images_per_second accuracy"
                        + " steps_per_image synaptic_events_per_image",
                "bench", "verify", img.toString(), "--dataset", data.toString(), "--warmup", "10", "--json");
        expect("out cases records seed", "golden", "--out", tmp.resolve("golden").toString(), "--random", "1", "--json");
    }

    private static void expect(String keys, String... args) {
        Cli.Run r = Cli.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        assertEquals(List.of(keys.split(" ")), keys(r.json(), ""), String.join(" ", args));
        assertEquals("", r.leaked(), args[0] + " wrote to the process's streams, not the command's writers");
    }

    @SuppressWarnings("unchecked")
    private static List<String> keys(Map<String, Object> m, String prefix) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> {
            out.add(prefix + k);
            if (v instanceof Map<?, ?> inner && !OPEN.contains(k)) {
                out.addAll(keys((Map<String, Object>) inner, prefix + k + "."));
            } else if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> first) {
                out.addAll(keys((Map<String, Object>) first, prefix + k + "[]."));
            }
        });
        return out;
    }
}
