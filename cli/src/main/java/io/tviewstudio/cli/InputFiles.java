package io.tviewstudio.cli;

import io.tviewstudio.core.deploy.DefinitionSet;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads definition files for the commands; an unreadable file is a usage error (exit 2). */
final class InputFiles {

    private InputFiles() {
    }

    static DefinitionSet.SourceFile read(Path file) {
        try {
            return new DefinitionSet.SourceFile(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw CliException.usage("file_not_found", "cannot read " + file + ": no such file", null);
        } catch (MalformedInputException e) {
            throw CliException.usage("file_unreadable", "cannot read " + file + ": not UTF-8 text", null);
        } catch (IOException e) {
            throw CliException.usage("file_unreadable", "cannot read " + file + ": " + e, null);
        }
    }

    /** The CREATE TVIEW statements of the files; a file without any is a usage error. */
    static DefinitionSet scripts(List<Path> files) {
        List<DefinitionSet.SourceFile> sources = new ArrayList<>();
        for (Path file : files) {
            DefinitionSet.SourceFile source = read(file);
            if (DefinitionSet.ofScripts(List.of(source)).isEmpty()) {
                throw CliException.usage("invalid_create_statement", file + ": the file holds no SQL statement",
                        "Write CREATE TVIEW tv_name AS SELECT ...;");
            }
            sources.add(source);
        }
        return DefinitionSet.ofScripts(sources);
    }
}
