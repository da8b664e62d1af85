package io.tviewstudio.app.connection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tviewstudio.core.connect.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The saved connection profiles: a JSON array in the user's configuration directory
 * ({@code $XDG_CONFIG_HOME/tview-studio/profiles.json}, else {@code ~/.config/tview-studio/profiles.json}).
 * {@link ConnectionProfile} has no password field, and a password typed into a URL is removed before
 * the profile is written ({@link ConnectionProfile#withoutPassword}): the file never holds one.
 */
public final class ProfileStore {

    private static final TypeReference<List<ConnectionProfile>> LIST = new TypeReference<>() {
    };

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A file written by a newer version may have fields this one does not know.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ProfileStore(Path file) {
        this.file = file;
    }

    /** The store at the default place for this environment. */
    public static ProfileStore inConfigDirectory(Environment environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path config = xdg != null ? Path.of(xdg) : environment.home().resolve(".config");
        return new ProfileStore(config.resolve("tview-studio").resolve("profiles.json"));
    }

    public Path file() {
        return file;
    }

    /** The saved profiles by name; empty when the file does not exist yet. */
    public List<ConnectionProfile> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return json.readValue(file.toFile(), LIST).stream()
                    .sorted(Comparator.comparing(ConnectionProfile::name, String.CASE_INSENSITIVE_ORDER)).toList();
        } catch (IOException e) {
            throw new IOException("cannot read the connection profiles in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds the profile, replacing one of the same name, and writes the file (atomically). */
    public List<ConnectionProfile> save(ConnectionProfile profile) throws IOException {
        List<ConnectionProfile> profiles = new ArrayList<>(load());
        ConnectionProfile saved = profile.withoutPassword();
        profiles.removeIf(existing -> existing.name().equals(saved.name()));
        profiles.add(saved);
        write(profiles);
        return load();
    }

    /** Removes the profile of that name, if saved. */
    public List<ConnectionProfile> delete(String name) throws IOException {
        List<ConnectionProfile> profiles = new ArrayList<>(load());
        if (profiles.removeIf(existing -> existing.name().equals(name))) {
            write(profiles);
        }
        return load();
    }

    private void write(List<ConnectionProfile> profiles) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        json.writeValue(temporary.toFile(), profiles.stream().map(ConnectionProfile::withoutPassword).toList());
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
