package io.tviewstudio.cli;

import java.util.List;

/** Left-aligned columns for human output. */
final class TextTable {

    private TextTable() {
    }

    /**
     * Prints the rows (the first is the header) indented by two spaces, columns padded to their widest cell.
     * A multi-line cell of the last column (a health check's message) continues under its first line.
     */
    static void print(List<List<String>> rows, Output output) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1
                        ? row.get(i).replace("\n", "\n" + " ".repeat(line.length()))
                        : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            output.line(line.toString().stripTrailing());
        }
    }

    /** A size as pg_size_pretty prints it: bytes, kB, MB, GB, TB (1024-based, switching at 10 units). */
    static String size(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 10 * 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return Math.round(value) + " " + units[unit];
    }
}
