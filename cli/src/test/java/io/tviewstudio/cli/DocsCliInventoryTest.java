package io.tviewstudio.cli;

import io.tviewstudio.core.docs.Markdown;
import io.tviewstudio.core.connect.Environment;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/reference/cli.md and the {@code tviews} command agree, both ways. The command list is read
 * from the picocli model of the real {@link TviewsCli}, never written down here, so a new
 * subcommand or option fails this test until it is documented.
 *
 * <ul>
 *   <li>every subcommand (at any depth, {@code help} aside) has a {@code ### `tviews <name> ...`}
 *   heading and a row in the command table, and every alias is mentioned;</li>
 *   <li>every option name of a subcommand appears in that subcommand's section, except the shared
 *   ones (connection options and {@code --json}, declared in {@link #SHARED_OPTION_CLASSES}), which
 *   appear in the "Connecting" section, and the help options ({@code -?}, {@code --help},
 *   {@code -V}, {@code --version}), which appear in the "Running it" section;</li>
 *   <li>every {@code ### `tviews ...`} heading and every row of the command table names a command
 *   that exists, every option in the
 *   synopsis block of a section is an option of that command, and every {@code --long-option}
 *   written anywhere on the page is an option of some command.</li>
 * </ul>
 */
class DocsCliInventoryTest {

    /** Classes whose options every database command has: documented once, under "Connecting". */
    private static final Set<String> SHARED_OPTION_CLASSES = Set.of("ConnectionOptions", "DatabaseCommand");

    private static final Pattern COMMAND_HEADING = Pattern.compile("^### `tviews ([^`]*)`");
    /** A row of the "## Commands" table: {@code | [`check FILE...`](#tviews-check) | ...}. */
    private static final Pattern COMMAND_TABLE_ROW = Pattern.compile("^\\| \\[`([^`]+)`\\]\\(#tviews-");
    private static final Pattern LONG_OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");

    private static Path cliPage() {
        return Markdown.docsDir().resolve("reference/cli.md");
    }

    /** The real command tree, built as {@code tviews} builds it. */
    static CommandLine tviews() throws ReflectiveOperationException {
        Constructor<TviewsCli> constructor = TviewsCli.class.getDeclaredConstructor(Environment.class);
        constructor.setAccessible(true); // package-private: the CLI is built by TviewsCli.execute only
        return new CommandLine(constructor.newInstance(Environment.system()));
    }

    /** Every subcommand below the root, by its path without "tviews" ("playbook export"), in model order. */
    static Map<String, CommandLine> subcommands(CommandLine root) {
        Map<String, CommandLine> all = new LinkedHashMap<>();
        collect(root, "", all);
        return all;
    }

    private static void collect(CommandLine command, String prefix, Map<String, CommandLine> all) {
        // Aliases appear as extra keys of the same CommandLine: walk each command once, by its name.
        Set<CommandLine> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!seen.add(sub) || sub.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            String path = prefix + sub.getCommandName();
            all.put(path, sub);
            collect(sub, path + " ", all);
        }
    }

    /** The documented command of a heading: its leading lowercase words ("playbook export DIR" gives "playbook export"). */
    static String headingCommand(String heading) {
        List<String> words = new ArrayList<>();
        for (String word : heading.strip().split("\\s+")) {
            if (!word.matches("[a-z][a-z0-9-]*")) {
                break;
            }
            words.add(word);
        }
        return String.join(" ", words);
    }

    /** Section text (prose and code) of each {@code ### `tviews ...`} heading, keyed by its command. */
    static Map<String, String> commandSections() {
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        boolean inCode = false;
        for (String line : Markdown.lines(cliPage())) {
            if (!inCode && line.strip().startsWith("```")) {
                inCode = true;
            } else if (inCode && line.strip().equals("```")) {
                inCode = false;
            }
            Matcher heading = COMMAND_HEADING.matcher(line);
            boolean isHeading = !inCode && line.matches("^#{1,6} .*");
            if (isHeading) {
                if (current != null) {
                    sections.put(current, text.toString());
                }
                current = heading.find() ? headingCommand(heading.group(1)) : null;
                text = new StringBuilder();
                if (current != null) {
                    text.append(line).append('\n');
                }
                continue;
            }
            if (current != null) {
                text.append(line).append('\n');
            }
        }
        if (current != null) {
            sections.put(current, text.toString());
        }
        return sections;
    }

    /** The text of a "## TITLE" section of the page, with its subsections. */
    static String section(String title) {
        StringBuilder text = null;
        for (Object[] prose : Markdown.proseLines(cliPage())) {
            String line = (String) prose[1];
            if (line.startsWith("## ")) {
                if (text != null) {
                    break;
                }
                if (line.equals("## " + title)) {
                    text = new StringBuilder();
                }
            }
            if (text != null) {
                text.append(line).append('\n');
            }
        }
        assertThat(text).as("a \"## %s\" section in docs/reference/cli.md", title).isNotNull();
        return text.toString();
    }

    static boolean mentions(String text, String optionName) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(optionName) + "(?![\\w-])").matcher(text).find();
    }

    private static boolean shared(OptionSpec option) {
        Object element = ((ArgSpec) option).userObject();
        return element instanceof Field field && SHARED_OPTION_CLASSES.contains(field.getDeclaringClass().getSimpleName());
    }

    @Test
    void everySubcommandHasAHeadingAndEveryAliasIsMentioned() throws ReflectiveOperationException {
        Map<String, CommandLine> commands = subcommands(tviews());
        Map<String, String> sections = commandSections();
        String page = String.join("\n", Markdown.lines(cliPage()));
        Set<String> tableRows = new TreeSet<>();
        for (String line : Markdown.lines(cliPage())) {
            Matcher row = COMMAND_TABLE_ROW.matcher(line);
            if (row.find()) {
                tableRows.add(headingCommand(row.group(1)));
            }
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, CommandLine> command : commands.entrySet()) {
            boolean group = !command.getValue().getSubcommands().isEmpty();
            // A group (playbook, migrate) is documented by the headings of its subcommands.
            if (!group && !sections.containsKey(command.getKey())) {
                missing.add("tviews " + command.getKey() + ": no '### `tviews " + command.getKey() + " ...`' heading");
            }
            if (!group && !tableRows.contains(command.getKey())) {
                missing.add("tviews " + command.getKey() + ": no row in the command table of \"## Commands\"");
            }
            for (String alias : command.getValue().getCommandSpec().aliases()) {
                if (!page.contains("alias `" + alias + "`")) {
                    missing.add("tviews " + command.getKey() + ": alias '" + alias + "' not mentioned as (alias `" + alias + "`)");
                }
            }
        }
        assertThat(commands).as("subcommands of the tviews command model").hasSizeGreaterThan(15);
        assertThat(missing).as("tviews subcommands missing from docs/reference/cli.md").isEmpty();
    }

    @Test
    void everyOptionIsDocumentedInItsCommandSectionOrUnderConnecting() throws ReflectiveOperationException {
        CommandLine root = tviews();
        Map<String, String> sections = commandSections();
        String connecting = section("Connecting");
        String running = section("Running it");
        List<String> missing = new ArrayList<>();
        for (OptionSpec option : root.getCommandSpec().options()) {
            for (String name : option.names()) {
                if (!mentions(running, name)) {
                    missing.add("tviews " + name + " (expected under \"## Running it\")");
                }
            }
        }
        int checked = 0;
        for (Map.Entry<String, CommandLine> command : subcommands(root).entrySet()) {
            String section = sections.getOrDefault(command.getKey(), "");
            for (OptionSpec option : command.getValue().getCommandSpec().options()) {
                boolean help = option.usageHelp() || option.versionHelp();
                String where = help ? running : shared(option) ? connecting : section;
                for (String name : option.names()) {
                    checked++;
                    if (!mentions(where, name)) {
                        missing.add("tviews " + command.getKey() + " " + name
                                + (help ? " (help option: expected under \"## Running it\")"
                                        : shared(option) ? " (shared option: expected under \"## Connecting\")"
                                        : " (expected in the section of tviews " + command.getKey() + ")"));
                    }
                }
            }
        }
        assertThat(checked).as("option names checked").isGreaterThan(50);
        assertThat(missing).as("tviews options missing from docs/reference/cli.md").isEmpty();
    }

    @Test
    void everyDocumentedCommandAndOptionExists() throws ReflectiveOperationException {
        CommandLine root = tviews();
        Map<String, CommandLine> commands = subcommands(root);
        Set<String> allOptions = new TreeSet<>();
        for (OptionSpec option : root.getCommandSpec().options()) {
            allOptions.addAll(List.of(option.names()));
        }
        for (CommandLine command : commands.values()) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                allOptions.addAll(List.of(option.names()));
            }
        }
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> section : commandSections().entrySet()) {
            CommandLine command = commands.get(section.getKey());
            if (command == null) {
                unknown.add("heading 'tviews " + section.getKey() + "': no such command");
                continue;
            }
            CommandSpec spec = command.getCommandSpec();
            for (String option : synopsisOptions(section.getValue())) {
                if (spec.findOption(option) == null) {
                    unknown.add("synopsis of 'tviews " + section.getKey() + "': no option " + option);
                }
            }
        }
        List<String> lines = Markdown.lines(cliPage());
        for (int i = 0; i < lines.size(); i++) {
            Matcher row = COMMAND_TABLE_ROW.matcher(lines.get(i));
            if (row.find() && !commands.containsKey(headingCommand(row.group(1)))) {
                unknown.add("docs/reference/cli.md:" + (i + 1) + ": the command table lists '" + row.group(1)
                        + "', which is no tviews command");
            }
            Matcher m = LONG_OPTION.matcher(lines.get(i));
            while (m.find()) {
                if (!allOptions.contains(m.group())) {
                    unknown.add("docs/reference/cli.md:" + (i + 1) + ": " + m.group() + " is no option of any tviews command");
                }
            }
        }
        assertThat(unknown).as("commands and options in docs/reference/cli.md that tviews does not have").isEmpty();
    }

    /** Options written in the synopsis: the code block right after the heading whose lines start with "tviews ". */
    private static Set<String> synopsisOptions(String section) {
        Set<String> options = new TreeSet<>();
        String[] lines = section.split("\n");
        int i = 1;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i >= lines.length || !lines[i].strip().startsWith("```")) {
            return options; // no synopsis block: the heading carries the usage
        }
        for (i++; i < lines.length && !lines[i].strip().equals("```"); i++) {
            if (lines[i].startsWith("tviews ")) {
                Matcher m = Pattern.compile("(?<![\\w-])--?[a-zA-Z?][a-z0-9-]*").matcher(lines[i]);
                while (m.find()) {
                    options.add(m.group());
                }
            }
        }
        return options;
    }

    @Test
    void headingCommandTakesTheLeadingLowercaseWords() {
        assertThat(headingCommand("playbook export DIR")).isEqualTo("playbook export");
        assertThat(headingCommand("verify [NAME] [--repair]")).isEqualTo("verify");
        assertThat(headingCommand("uninstall-runtime --yes")).isEqualTo("uninstall-runtime");
    }
}
