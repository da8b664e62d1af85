package io.tviewstudio.cli;

import io.tviewstudio.core.connect.Environment;
import io.tviewstudio.core.install.RuntimeVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code tviews}: install the TVIEW runtime, create, drop, verify and inspect TVIEWs from a shell or
 * a CI job. A thin shell over the core library: each subcommand parses its options, connects, calls
 * the library's facade ({@link io.tviewstudio.core.api.TviewStudio}; it runs no SQL of its own),
 * prints the result as text or JSON and exits with a documented code ({@link ExitCode}).
 */
@Command(name = "tviews",
        versionProvider = TviewsCli.Version.class,
        description = "Install the TVIEW runtime and manage TVIEWs in a PostgreSQL database.",
        subcommands = {CheckCommand.class, PlanCommand.class, ApplyCommand.class, DropCommand.class, GraphCommand.class,
                ImpactCommand.class, VerifyCommand.class, StatusCommand.class, HealthCommand.class, MetricsCommand.class, PlaybookCommand.class, MigrateCommand.class,
                InstallCommand.class, UpgradeCommand.class, UninstallCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 problems found (check, apply analysis, graph cycle, verify, health, bench check), 2 usage error, 3 connection error, "
                + "4 database error (TV code or SQLSTATE), 5 runtime not installed or another version, "
                + "6 the role lacks rights the runtime install needs. "
                + "See docs/reference/cli.md."})
public final class TviewsCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = {"-?", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final Environment environment;

    TviewsCli(Environment environment) {
        this.environment = environment;
    }

    Environment environment() {
        return environment;
    }

    /**
     * Each command's {@code header} is its one-phrase summary for the command list of
     * {@code tviews --help} (picocli would cut the first description line mid-sentence); its own
     * help starts with the usage line and the full description, as before.
     */
    private static void summariesOnlyInCommandLists(CommandLine commandLine) {
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            if (subcommand.getCommand().getClass().getPackage() == TviewsCli.class.getPackage()) {
                CommandLine.Model.UsageMessageSpec usage = subcommand.getCommandSpec().usageMessage();
                List<String> sections = new ArrayList<>(usage.sectionKeys());
                sections.removeAll(List.of(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER_HEADING,
                        CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER));
                usage.sectionKeys(sections);
            }
            summariesOnlyInCommandLists(subcommand);
        }
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, Environment.system(), out, err));
    }

    /** Runs one command line with the given environment and streams; returns the exit code. */
    public static int execute(String[] args, Environment environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new TviewsCli(environment));
        summariesOnlyInCommandLists(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine failed = exception.getCommandLine();
            new Output(out, err, false).error(new CliFailure(ExitCode.USAGE, "usage", null, exception.getMessage(),
                    "Run: " + failed.getCommandSpec().qualifiedName() + " --help"));
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof CliException cli) {
                boolean json = failed.getCommand() instanceof DatabaseCommand command && command.json;
                new Output(out, err, json).error(cli.failure());
                return cli.failure().exitCode();
            }
            throw exception;
        });
        int exit = commandLine.execute(args);
        out.flush();
        err.flush();
        return exit;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** {@code tviews 0.1.0 (TVIEW runtime 0.1.0)}: the build's version and the runtime it installs. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tviews " + buildVersion() + " (TVIEW runtime " + RuntimeVersion.shipped() + ")"};
        }

        static String buildVersion() {
            try (InputStream in = TviewsCli.class.getResourceAsStream("version.properties")) {
                Properties properties = new Properties();
                if (in != null) {
                    properties.load(in);
                }
                return properties.getProperty("version", "unknown");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
