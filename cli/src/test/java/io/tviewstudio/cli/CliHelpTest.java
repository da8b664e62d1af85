package io.tviewstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.core.connect.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --help}: the command lists give each command a whole summary; a command's own help is unchanged by it. */
class CliHelpTest {

    @TempDir
    Path home;

    @Test
    void everyCommandListShowsEachCommandsSummaryAsAWholeSentence() {
        for (CommandLine command : commandsWithSubcommands()) {
            String[] path = qualified(command);
            String help = oneLine(CliRun.run(Map.of(), home, withHelp(path)).out());
            for (CommandLine subcommand : ours(command.getSubcommands().values())) {
                String[] header = subcommand.getCommandSpec().usageMessage().header();
                assertThat(header).as(subcommand.getCommandName() + " has a summary").hasSize(1);
                assertThat(header[0]).as(subcommand.getCommandName()).endsWith(".").doesNotContain("\n");
                assertThat(help).as(String.join(" ", path) + " --help").contains(String.join(", ", subcommand.getCommandSpec().names()) + " " + header[0]);
            }
        }
    }

    @Test
    void aCommandsOwnHelpStartsWithItsUsageAndTheFullDescription() {
        CliRun run = CliRun.run(Map.of(), home, "plan", "--help");

        assertThat(run.out()).startsWith("Usage: tviews plan ");
        assertThat(oneLine(run.out())).contains("Dry run of apply: create the file's TVIEWs inside a transaction, show every object and its DDL the")
                .doesNotContain("show every object the runtime would create");
    }

    private List<CommandLine> commandsWithSubcommands() {
        List<CommandLine> found = new ArrayList<>();
        collect(new CommandLine(new TviewsCli(new Environment(Map.of(), home))), found);
        return found;
    }

    private static void collect(CommandLine command, List<CommandLine> found) {
        List<CommandLine> subcommands = ours(command.getSubcommands().values());
        if (!subcommands.isEmpty()) {
            found.add(command);
        }
        subcommands.forEach(subcommand -> collect(subcommand, found));
    }

    /** tviews' own commands, each once (aliases repeat them; picocli's help command has its own header). */
    private static List<CommandLine> ours(java.util.Collection<CommandLine> commands) {
        return commands.stream().distinct()
                .filter(command -> command.getCommand().getClass().getPackage() == TviewsCli.class.getPackage())
                .toList();
    }

    private static String[] qualified(CommandLine command) {
        List<String> names = new ArrayList<>();
        for (CommandLine at = command; at.getParent() != null; at = at.getParent()) {
            names.addFirst(at.getCommandName());
        }
        return names.toArray(String[]::new);
    }

    private static String[] withHelp(String[] path) {
        List<String> args = new ArrayList<>(List.of(path));
        args.add("--help");
        return args.toArray(String[]::new);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
