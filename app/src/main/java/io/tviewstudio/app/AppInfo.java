package io.tviewstudio.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Product name and version, read from {@code version.properties}, which Maven filters at build time. */
public record AppInfo(String productName, String version) {

    private static final String RESOURCE = "version.properties";

    public static AppInfo load() {
        Properties properties = new Properties();
        try (InputStream in = AppInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE + " next to " + AppInfo.class.getName());
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        return new AppInfo(properties.getProperty("name", "TVIEW Studio"), properties.getProperty("version", "unknown"));
    }
}
