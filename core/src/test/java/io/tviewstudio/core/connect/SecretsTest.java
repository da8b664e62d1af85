package io.tviewstudio.core.connect;

import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

import java.util.List;
import java.util.Properties;

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
        // PgJDBC reads "secret#x" as the password: a URL fragment does not end a JDBC query value.
        assertThat(Secrets.mask("jdbc:postgresql://h/db?PASSWORD=secret#x")).isEqualTo("jdbc:postgresql://h/db?PASSWORD=***");
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

    @Test
    void masksAllOfAQueryPasswordUpToTheNextAmpersand() {
        // issue #17 item 9: "?password=ab;cd" became "password=***;cd"
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password=ab;cd")).isEqualTo("jdbc:postgresql://h/db?password=***");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?user=x&password=a;b#c d")).isEqualTo("jdbc:postgresql://h/db?user=x&password=***");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password=a;b&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?password=***&sslmode=require");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password=ab#cd&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?password=***&sslmode=require");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password=ab cd&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?password=***&sslmode=require");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password=ab\tcd&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?password=***&sslmode=require");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password='ab cd'&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?password=***&sslmode=require");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password=\"ab cd\"&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?password=***&sslmode=require");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password=ab%26cd%20ef&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?password=***&sslmode=require");
        // A line break ends the value in a message of several lines.
        assertThat(Secrets.mask("bad URL jdbc:postgresql://h/db?password=a b\nnext line")).isEqualTo("bad URL jdbc:postgresql://h/db?password=***\nnext line");
    }

    @Test
    void masksSegmentsAfterARawAmpersandThatCannotBeParameters() {
        // PgJDBC reads "ab" as the password and "cd" as a property without a value: "cd" is the rest of a typed "ab&cd".
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password=ab&cd")).isEqualTo("jdbc:postgresql://h/db?password=***");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password=ab&cd&ef gh&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?password=***&sslmode=require");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password=ab&=cd&%41=b&user=u"))
                .isEqualTo("jdbc:postgresql://h/db?password=***&user=u");
    }

    @Test
    void masksEveryKeyThatNamesAPassword() {
        assertThat(Secrets.mask("jdbc:postgresql://h/db?PassWord=a;b&user=u")).isEqualTo("jdbc:postgresql://h/db?PassWord=***&user=u");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?sslpassword=k;e y&sslkey=k.pk8"))
                .isEqualTo("jdbc:postgresql://h/db?sslpassword=***&sslkey=k.pk8");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?SslPassWord=k#y")).isEqualTo("jdbc:postgresql://h/db?SslPassWord=***");
        // libpq percent-decodes the keys of a URI: pass%77ord is password.
        assertThat(Secrets.mask("postgresql://h/db?pass%77ord=s;t&sslmode=require"))
                .isEqualTo("postgresql://h/db?pass%77ord=***&sslmode=require");
        assertThat(Secrets.mask("postgresql://h/db?%50ASSWORD=s")).isEqualTo("postgresql://h/db?%50ASSWORD=***");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password =s t")).isEqualTo("jdbc:postgresql://h/db?password =***");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?x?password=s")).isEqualTo("jdbc:postgresql://h/db?x?password=***");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?password=")).isEqualTo("jdbc:postgresql://h/db?password=***");
        assertThat(Secrets.mask("jdbc:postgresql://h/db?user=u&sslmode=require#password"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&sslmode=require#password");
    }

    @Test
    void masksWhatPgJdbcReadsAsThePassword() {
        for (String url : List.of(
                "jdbc:postgresql://h/db?password=ab;cd",
                "jdbc:postgresql://h/db?user=x&password=a;b#c d",
                "jdbc:postgresql://h/db?password=ab%26cd&sslmode=require",
                "jdbc:postgresql://h/db?password=a\tb#c&sslpassword=k;e#y z",
                "jdbc:postgresql://h/db?sslpassword=k%20e%23y&password=p'q\"r")) {
            Properties parsed = Driver.parseURL(url, null);
            String masked = Secrets.mask(url);
            for (String key : List.of("password", "sslpassword")) {
                String secret = parsed.getProperty(key);
                if (secret != null) {
                    assertThat(masked).as(url).doesNotContain(secret);
                    for (String piece : secret.split("[;# \t&%'\"]")) {
                        if (piece.length() > 1) {
                            assertThat(masked).as(url).doesNotContain(piece);
                        }
                    }
                }
            }
            assertThat(Secrets.containsPassword(url)).as(url).isTrue();
        }
    }

    @Test
    void masksConninfoValuesAsLibpqReadsThem() {
        assertThat(Secrets.mask("host=h password=ab;cd port=5432")).isEqualTo("host=h password=*** port=5432");
        assertThat(Secrets.mask("host=h password=ab#cd&ef port=5432")).isEqualTo("host=h password=*** port=5432");
        assertThat(Secrets.mask("host=h password=ab\tport=5432")).isEqualTo("host=h password=***\tport=5432");
        // A backslash escapes a space in a bare value: "a\ b" is "a b".
        assertThat(Secrets.mask("host=h password=a\\ b port=5432")).isEqualTo("host=h password=*** port=5432");
        assertThat(Secrets.mask("host=h password=ab\\")).isEqualTo("host=h password=***");
        assertThat(Secrets.mask("host=h password= ab port=5432")).isEqualTo("host=h password= *** port=5432");
        assertThat(Secrets.mask("host=h password='a;b#c&d e' port=5432")).isEqualTo("host=h password=*** port=5432");
        assertThat(Secrets.mask("host=h password='it\\'s' port=5432")).isEqualTo("host=h password=*** port=5432");
        assertThat(Secrets.mask("host=h password='a b'c port=5432")).isEqualTo("host=h password=*** port=5432");
        // An unterminated quote: libpq refuses the string; all of the rest is hidden.
        assertThat(Secrets.mask("host=h password='a b port=5432")).isEqualTo("host=h password=***");
        assertThat(Secrets.mask("host=h PassWord=ab;cd sslpassword=k#e port=5432"))
                .isEqualTo("host=h PassWord=*** sslpassword=*** port=5432");
        assertThat(Secrets.mask("host=h\tpassword=ab\tport=5432")).isEqualTo("host=h\tpassword=***\tport=5432");
        assertThat(Secrets.mask("host=h password=\"a b\" port=5432")).isEqualTo("host=h password=*** b\" port=5432");
    }

    @Test
    void masksUserinfoPasswordsWithAnyCharacter() {
        assertThat(Secrets.mask("postgresql://u:a;b#c&d e@h/db")).isEqualTo("postgresql://u:***@h/db");
        assertThat(Secrets.mask("postgresql://my user:secret@h/db")).isEqualTo("postgresql://my user:***@h/db");
        assertThat(Secrets.mask("postgresql://:secret@h/db")).isEqualTo("postgresql://:***@h/db");
    }

    @Test
    void removesTheWholePasswordFromUrlsToBeSaved() {
        assertThat(Secrets.withoutPassword("jdbc:postgresql://h/db?password=ab;cd")).isEqualTo("jdbc:postgresql://h/db");
        assertThat(Secrets.withoutPassword("jdbc:postgresql://h/db?user=x&password=a;b#c d")).isEqualTo("jdbc:postgresql://h/db?user=x");
        assertThat(Secrets.withoutPassword("jdbc:postgresql://h/db?password=a b#c&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?sslmode=require");
        assertThat(Secrets.withoutPassword("jdbc:postgresql://h/db?user=u&PassWord=a;b&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&sslmode=require");
        assertThat(Secrets.withoutPassword("jdbc:postgresql://h/db?password=ab&cd&sslmode=require&sslpassword=k e"))
                .isEqualTo("jdbc:postgresql://h/db?sslmode=require");
        assertThat(Secrets.withoutPassword("jdbc:postgresql://h/db?password=a&sslpassword=b&user=u"))
                .isEqualTo("jdbc:postgresql://h/db?user=u");
        assertThat(Secrets.withoutPassword("postgresql://h/db?pass%77ord=s%26t&sslmode=require"))
                .isEqualTo("postgresql://h/db?sslmode=require");
        assertThat(Secrets.withoutPassword("postgresql://u:a;b#c@h/db?password=x y")).isEqualTo("postgresql://u@h/db");
        assertThat(Secrets.withoutPassword("jdbc:postgresql://h/db;password=a;b")).isEqualTo("jdbc:postgresql://h/db;password=***");
    }

    @Test
    void findsPasswordsWhateverTheirValue() {
        assertThat(Secrets.containsPassword("jdbc:postgresql://h/db?password=ab;cd")).isTrue();
        assertThat(Secrets.containsPassword("jdbc:postgresql://h/db?password=***")).isTrue();
        assertThat(Secrets.containsPassword("jdbc:postgresql://h/db?pass%77ord=x")).isTrue();
        assertThat(Secrets.containsPassword("jdbc:postgresql://h/db?PassWord=x")).isTrue();
        assertThat(Secrets.containsPassword("host=h password='a b'")).isTrue();
        assertThat(Secrets.containsPassword("postgresql://u:s@h/db")).isTrue();
        assertThat(Secrets.containsPassword("jdbc:postgresql://h/db?user=u&sslmode=require")).isFalse();
        assertThat(Secrets.containsPassword("the password is wrong")).isFalse();
        assertThat(Secrets.containsPassword(null)).isFalse();
    }
}
