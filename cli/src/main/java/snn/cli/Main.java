package snn.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import snn.support.SnnException;

/** The {@code snn} command: the root of every subcommand, and the one place errors become exit codes. */
@Command(name = "snn",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Train a spiking winner-take-all network in fixed point, quantize it for a microcontroller,"
                + " flash it over serial and prove it bit-exact on the device.",
        // in the order of the workflow: data, train, quantize, prove, ship, look at the board, measure, report
        subcommands = {
                DatasetsCommand.class,
                TrainCommand.class,
                QuantizeCommand.class,
                KeysCommand.class,
                VerifyCommand.class,
                ExportCommand.class,
                DeployCommand.class,
                DeviceCommand.class,
                EmulateCommand.class,
                PortsCommand.class,
                FirmwareCommand.class,
                BenchCommand.class,
                ReportCommand.class,
                GoldenCommand.class,
                DemoCommand.class,
                CompletionCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cl = commandLine();
        cl.setErr(snn.support.StatusWriter.stderr()); // notes go above a progress bar, not onto it
        int code;
        try {
            code = cl.execute(args);
        } catch (Error e) {
            // picocli handles exceptions only: without this a JVM error would exit 1, which means "a check failed"
            cl.getErr().println("snn: internal error: " + e + (e instanceof OutOfMemoryError
                    ? " (SNN_JAVA_OPTS=-Xmx8g gives the JVM more memory)" : ""));
            code = 3;
        }
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }

    /** The configured command line, also used by tests (with {@code setOut}/{@code setErr}). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        addOptional(cl, "snn.sweep.SweepCommand");
        cl.setExecutionExceptionHandler(Main::handleError);
        cl.setParameterExceptionHandler(Main::handleParameterError);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        withHelpOptions(cl);
        return cl;
    }

    /**
     * Registers a subcommand that lives in another module when its class is on the class path: the
     * sweep module (Apache Spark) ships in its own jar, sweep/target/snn-sweep.jar, so that snn.jar
     * stays small; the ./snn launcher runs that jar for {@code snn sweep}.
     */
    static void addOptional(CommandLine cl, String className) {
        Class<?> c;
        try {
            c = Class.forName(className, false, Main.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return;
        }
        try {
            // through a CommandLine of its own, so that its @Command(modelTransformer) is applied
            cl.addSubcommand(new CommandLine(c.getDeclaredConstructor().newInstance()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + className, e);
        }
    }

    /** Gives every subcommand --help and --version, as the root has, and shows every option's default value. */
    private static void withHelpOptions(CommandLine cl) {
        cl.getCommandSpec().usageMessage().showDefaultValues(true);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().mixinStandardHelpOptions() && !(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            if (sub.getCommandSpec().versionProvider() == null && sub.getCommandSpec().version().length == 0) {
                sub.getCommandSpec().versionProvider(new Version());
            }
            withHelpOptions(sub);
        }
    }

    /**
     * A command line picocli cannot parse (unknown option, bad value, missing parameter): the one-line
     * error, any "did you mean" suggestions, and where to read more, instead of the whole usage.
     */
    static int handleParameterError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        if (cl.getParent() == null && args.length > 0 && args[0].equals("sweep") && !cl.getSubcommands().containsKey("sweep")) {
            // snn.jar carries no Spark: say where the sweep lives instead of guessing another command
            err.println(name + ": 'sweep' is not in this jar: it runs from sweep/target/snn-sweep.jar (the toolchain plus"
                    + " Apache Spark), which `./snn sweep ...` builds and runs, or `java -jar sweep/target/snn-sweep.jar sweep ...`");
            err.flush();
            return SnnException.USAGE;
        }
        err.println(name + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return SnnException.USAGE;
    }

    /** Prints one friendly line instead of a stack trace; {@code --verbose} adds the trace. */
    static int handleError(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = parsed.expandedArgs().contains("--verbose") || parsed.expandedArgs().contains("-v");
        int code;
        String msg;
        if (ex instanceof SnnException se) {
            code = se.exitCode();
            msg = se.getMessage();
        } else if (ex instanceof java.io.FileNotFoundException || ex instanceof java.nio.file.NoSuchFileException) {
            code = SnnException.USAGE;
            msg = "file not found: " + ex.getMessage();
        } else if (ex instanceof java.io.IOException) {
            code = SnnException.USAGE;
            msg = "I/O error: " + ex.getMessage();
        } else {
            code = 3;
            msg = "internal error: " + ex;
        }
        err.println(cl.getCommandSpec().qualifiedName() + ": " + msg);
        if (verbose) {
            ex.printStackTrace(err);
        } else if (code == 3) {
            err.println("(run again with --verbose for the stack trace)");
        }
        err.flush();
        return code;
    }

    /**
     * The pom's version: the jar manifest's Implementation-Version, or, when run from classes (tests,
     * IDEs), the build.properties that Maven's resource filtering wrote.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"snn " + version(),
                    "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")
                            + " " + System.getProperty("os.arch")};
        }

        static String version() {
            String v = Main.class.getPackage().getImplementationVersion();
            if (v != null) {
                return v;
            }
            try (java.io.InputStream in = Main.class.getResourceAsStream("build.properties")) {
                if (in != null) {
                    java.util.Properties p = new java.util.Properties();
                    p.load(in);
                    v = p.getProperty("version");
                }
            } catch (java.io.IOException e) {
                v = null;
            }
            return v == null || v.startsWith("${") ? "(version unknown: not built by Maven)" : v;
        }
    }
}
