package io.tviewstudio.core.deploy;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * An installed definition against an edited one, line by line: every line of both, each kept,
 * removed or added, the way {@code diff} shows them (Myers' algorithm, java-diff-utils).
 *
 * @param lines every line in reading order: kept lines once, a removed line before the line added in its place
 */
public record DefinitionDiff(List<Line> lines) {

    public enum Kind { KEPT, REMOVED, ADDED }

    /**
     * One line.
     *
     * @param oldNumber its number in the installed definition (1-based), 0 for an added line
     * @param newNumber its number in the edited definition (1-based), 0 for a removed line
     */
    public record Line(Kind kind, int oldNumber, int newNumber, String text) {

        /** {@code "  kept"}, {@code "- removed"}, {@code "+ added"}. */
        @Override
        public String toString() {
            return switch (kind) {
                case KEPT -> "  ";
                case REMOVED -> "- ";
                case ADDED -> "+ ";
            } + text;
        }
    }

    public DefinitionDiff {
        lines = List.copyOf(lines);
    }

    public static DefinitionDiff between(String installed, String edited) {
        List<String> before = installed.lines().toList();
        List<String> after = edited.lines().toList();
        List<Line> lines = new ArrayList<>();
        int oldAt = 0;
        int newAt = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
            Chunk<String> removed = delta.getSource();
            Chunk<String> added = delta.getTarget();
            while (oldAt < removed.getPosition()) {
                lines.add(new Line(Kind.KEPT, oldAt + 1, newAt + 1, before.get(oldAt)));
                oldAt++;
                newAt++;
            }
            for (String text : removed.getLines()) {
                lines.add(new Line(Kind.REMOVED, ++oldAt, 0, text));
            }
            for (String text : added.getLines()) {
                lines.add(new Line(Kind.ADDED, 0, ++newAt, text));
            }
        }
        while (oldAt < before.size()) {
            lines.add(new Line(Kind.KEPT, oldAt + 1, newAt + 1, before.get(oldAt)));
            oldAt++;
            newAt++;
        }
        return new DefinitionDiff(lines);
    }

    public boolean unchanged() {
        return lines.stream().allMatch(line -> line.kind() == Kind.KEPT);
    }

    public long removed() {
        return lines.stream().filter(line -> line.kind() == Kind.REMOVED).count();
    }

    public long added() {
        return lines.stream().filter(line -> line.kind() == Kind.ADDED).count();
    }

    /** Every line with its mark, as {@code diff} prints them without context limits. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }
}
