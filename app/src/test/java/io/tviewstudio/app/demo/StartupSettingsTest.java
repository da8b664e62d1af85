package io.tviewstudio.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StartupSettingsTest {

    @Test
    void opensTheDemoWhenNoServerIsConfigured() {
        StartupSettings settings = StartupSettings.from(Map.of(), new Properties());

        assertThat(settings.openDemo()).isTrue();
        assertThat(settings.jdbcUrl()).isEmpty();
    }

    @Test
    void doesNotOpenTheDemoWhenTheEnvironmentNamesAServer() {
        StartupSettings settings = StartupSettings.from(
                Map.of("TVIEWS_JDBC_URL", "jdbc:postgresql://db/app"), new Properties());

        assertThat(settings.openDemo()).isFalse();
        assertThat(settings.jdbcUrl()).contains("jdbc:postgresql://db/app");
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("tviews.jdbc.url", "jdbc:postgresql://other/app");

        StartupSettings settings = StartupSettings.from(Map.of("TVIEWS_JDBC_URL", "jdbc:postgresql://db/app"), properties);

        assertThat(settings.jdbcUrl()).contains("jdbc:postgresql://other/app");
    }

    @Test
    void aBlankUrlCountsAsUnset() {
        StartupSettings settings = StartupSettings.from(Map.of("TVIEWS_JDBC_URL", "  "), new Properties());

        assertThat(settings.openDemo()).isTrue();
    }
}
