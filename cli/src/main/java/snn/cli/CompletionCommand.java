package snn.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import snn.support.Json;

/**
 * {@code snn completion}: prints picocli's bash completion script for every {@code snn} command and
 * option (zsh runs it too, after {@code autoload -U +X bashcompinit && bashcompinit}).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash (and zsh) completion script for snn.",
                "Use it now with: source <(./snn completion)",
                "or keep it: ./snn completion > ~/.local/share/bash-completion/completions/snn"})
public final class CompletionCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("snn", spec.root().commandLine());
        if (common.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("shell", "bash");
            j.put("script", script);
            System.out.println(Json.pretty(j));
        } else {
            System.out.print(script);
        }
        return 0;
    }
}
