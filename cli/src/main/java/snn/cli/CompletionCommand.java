package snn.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import snn.cli.json.MiscJson;
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
            common.out().println(Json.pretty(new MiscJson.Completion("bash", script)));
        } else {
            common.out().print(script);
            common.out().flush();
        }
        return 0;
    }
}
