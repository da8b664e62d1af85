package io.tviewstudio.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Output that is the result itself in both modes (a DOT or JSON document), written as is. */
final class PrintText {

    private PrintText() {
    }

    static void raw(CommandSpec spec, String text) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
    }
}
