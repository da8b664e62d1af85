package io.tviewstudio.core.connect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords in every form a user can write them into a connection string are masked or removed. */
class SecretsTest {

    @Test
    void masksThePasswordOfAUriUserinfo() {
        assertThat(Secrets.mask("postgresql://u:secret@h/db")).isEqualTo("postgresql://u:***@h/db");
        assertThat(Secrets.mask("postgres://app:s3cr%40t@db.example:5432/sales?sslmode=require"))
                .isEqualTo("postgres://app:***@db.example:5432/sales?sslmode=require");
        assertThat(Secrets.mask("jdbc:postgresql://u:secret@h:5432/db")).isEqualTo("jdbc:postgresql://u:***@h:5432/db");
        assertThat(Secrets.mask("cannot parse postgresql://u:p@ss@h/db now")).isEqualTo("cannot parse postgresql://u:***@h/db now");
        assertThat(Secrets.mask("postgresql://u:correct horse:battery\\st/ple@h/db")).isEqualTo("postgresql://u:***@h/db");
        assertThat(Secrets.mask("postgresql://u@h/db")).isEqualTo("postgresql://u@h/db");
        assertThat(Secrets.mask("postgresql://h:5432/db")).isEqualTo("postgresql://h:5432/db");
    }

    @Test
    void masksPasswordParametersOfJdbcUrls() {
        assertThat(Secrets.mask("jdbc:postgresql://h/db?user=u&password=secret&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&sslmode=require");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password=secret")).isEqualTo("jdbc:postgresql://h/db?password=***");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?PASSWORD=secret#x")).isEqualTo("jdbc:postgresql://h/db?PASSWORD=***#x");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?sslpassword=keypass&sslkey=k.pk8"))
                .isEqualTo("jdbc:postgresql://h/db?sslpassword=***&sslkey=k.pk8");
    }

    @Test
    void masksPasswordsInConninfoStrings() {
        assertThat(Secrets.mask("host=h dbname=db user=u password=secret sslmode=require"))
                .isEqualTo("host=h dbname=db user=u password=*** sslmode=require");
        assertThat(Secrets.mask("host=h password = 'it\\'s a \\\\ secret' port=5432")).isEqualTo("host=h password = *** port=5432");
        assertThat(Secrets.mask("host=h password='with space' port=5432")).isEqualTo("host=h password=*** port=5432");
        assertThat(Secrets.mask("password=secret")).isEqualTo("password=***");
        assertThat(Secrets.mask("the password is wrong")).isEqualTo("the password is wrong");
        assertThat(Secrets.mask(null)).isNull();
    }

    @Test
    void removesPasswordsFromUrlsToBeSaved() {
        assertThat(Secrets.withoutPassword("jdbc:postgresql://h/db?password=secret")).isEqualTo("jdbc:postgresql://h/db");
        assertThat(Secrets.withoutPassword("jdbc:postgresql://h/db?password=secret&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?sslmode=require");
        assertThat(Secrets.withoutPassword("jdbc:postgresql://h/db?user=u&password=secret&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&sslmode=require");
        assertThat(Secrets.withoutPassword("jdbc:postgresql://h/db?user=u&password=secret"))
                .isEqualTo("jdbc:postgresql://h/db?user=u");
        assertThat(Secrets.withoutPassword("postgresql://u:secret@h/db")).isEqualTo("postgresql://u@h/db");
        assertThat(Secrets.withoutPassword("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
        assertThat(Secrets.containsPassword("jdbc:postgresql://h/db?password=x")).isTrue();
        assertThat(Secrets.containsPassword("jdbc:postgresql://h/db")).isFalse();
    }
}
