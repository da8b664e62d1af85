package io.tviewstudio.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tviewstudio.core.connect.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {

    @TempDir
    Path home;

    @Test
    void savesProfilesUnderTheConfigDirectoryWithoutAnyPassword() throws IOException {
        ProfileStore store = ProfileStore.inConfigDirectory(new Environment(Map.of(), home));
        ConnectionProfile profile = new ConnectionProfile("prod", null, "db.example", 6432, "app", "dba", "require", null);

        assertThat(store.save(profile)).containsExactly(profile);

        assertThat(store.file()).isEqualTo(home.resolve(".config/tview-studio/profiles.json"));
        String json = Files.readString(store.file());
        assertThat(json).contains("\"host\" : \"db.example\"", "\"port\" : 6432", "\"sslmode\" : \"require\"")
                .doesNotContain("password").doesNotContain("service");
        assertThat(new ProfileStore(store.file()).load()).containsExactly(profile);
    }

    @Test
    void followsXdgConfigHomeReplacesByNameAndDeletes() throws IOException {
        ProfileStore store = ProfileStore.inConfigDirectory(new Environment(Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString()), home));
        store.save(new ConnectionProfile("b", "jdbc:postgresql://h/db", null, null, null, "u", null, null));
        store.save(new ConnectionProfile("a", null, "h", null, "db", null, null, null));
        store.save(new ConnectionProfile("b", "jdbc:postgresql://other/db", null, null, null, "u", null, null));

        assertThat(store.file()).isEqualTo(home.resolve("xdg/tview-studio/profiles.json"));
        assertThat(store.load()).extracting(ConnectionProfile::name, ConnectionProfile::url)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", null),
                        org.assertj.core.groups.Tuple.tuple("b", "jdbc:postgresql://other/db"));
        assertThat(store.delete("a")).extracting(ConnectionProfile::name).containsExactly("b");
    }

    @Test
    void aDamagedFileIsReportedWithItsPath() throws IOException {
        ProfileStore store = new ProfileStore(home.resolve("profiles.json"));
        Files.writeString(store.file(), "{not json");

        assertThatThrownBy(store::load).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot read the connection profiles in " + store.file());
    }

    @Test
    void aProfileTurnsIntoASpecWithThePasswordOfThisAttemptOnly() {
        ConnectionProfile profile = new ConnectionProfile("p", null, "h", 5433, "db", "u", null, "svc");

        assertThat(profile.toSpec("secret").password()).isEqualTo("secret");
        assertThat(profile.toSpec("").password()).isNull();
        assertThat(profile.toSpec(null).toString()).doesNotContain("secret");
        assertThat(profile.toSpec("secret").toString()).contains("password=***");
        assertThat(profile.target()).isEqualTo("service svc");
    }
}
