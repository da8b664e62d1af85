package io.tviewstudio.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a run was measured on, recorded with its results: timings mean little without it.
 *
 * @param loadAverage the one-minute load average when the run started (other work on the machine)
 */
public record MachineInfo(String cpu, int cores, long memoryMb, String os, String jvm, double loadAverage) {

    static MachineInfo current() {
        return new MachineInfo(cpuModel(), Runtime.getRuntime().availableProcessors(), totalMemoryMb(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").orElse("unknown CPU");
    }

    private static long totalMemoryMb() {
        return procLine("/proc/meminfo", "MemTotal")
                .map(value -> Long.parseLong(value.replaceAll("\\D", "")) / 1024)
                .orElse(-1L);
    }

    /** The value after the colon of the first line starting with {@code key}, from a /proc file. */
    private static Optional<String> procLine(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(line -> line.startsWith(key)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One line for reports. */
    public String describe() {
        return cpu + ", " + cores + " cores, " + (memoryMb < 0 ? "unknown" : memoryMb / 1024 + " GB") + " RAM, " + os
                + ", " + jvm + ", load average " + String.format(Locale.ROOT, "%.2f", loadAverage) + " at start";
    }
}
