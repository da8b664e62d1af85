package io.tviewstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppInfoTest {

    @Test
    void versionComesFromTheMavenFilteredResource() {
        AppInfo info = AppInfo.load();

        assertThat(info.productName()).isEqualTo("TVIEW Studio");
        assertThat(info.version())
                .doesNotContain("${")
                .isEqualTo(System.getProperty("tviewstudio.expectedVersion"));
    }
}
