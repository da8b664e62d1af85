package io.tviewstudio.core.analysis;

import io.tviewstudio.core.catalog.LiveCatalog;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** What the Java analysis assumes about the runtime and PostgreSQL, checked against the real thing. */
class AnalysisCatalogTest {

    @Test
    void errorCodesAreThoseOfTheRuntime() throws Exception {
        try (TestDatabase db = TestDatabase.withRuntime()) {
            assertThat(Arrays.stream(ErrorCode.values()).map(c -> c.name() + " " + c.errorName()))
                    .containsExactlyInAnyOrderElementsOf(db.column("SELECT code || ' ' || name FROM pg_tviews_error_codes()"));
        }
    }

    @Test
    void functionsKnownAsVolatileOfflineAreVolatileInPostgres() throws Exception {
        try (TestDatabase db = TestDatabase.withRuntime()) {
            for (String name : FunctionRules.KNOWN_VOLATILE) {
                assertThat(db.column("SELECT DISTINCT provolatile::text FROM pg_proc WHERE proname = '" + name + "'"))
                        .as(name).isSubsetOf("v");
            }
        }
    }

    @Test
    void translatedCreateTviewCreatesTheTviewAndIfNotExistsSkipsItTheSecondTime() throws Exception {
        try (TestDatabase db = TestDatabase.withRuntime()) {
            db.execute(Resources.text("schemas/blog.sql"));
            String call = CreateTviewTranslator.translate("""
                    CREATE TVIEW IF NOT EXISTS tv_user AS
                    SELECT u.pk_user, u.id, jsonb_build_object('name', u.name, 'd', $$;$$) AS data FROM tb_user u;""");

            db.execute(call);
            db.execute(call);

            assertThat(db.scalar("SELECT count(*) FROM tv_user")).isEqualTo(3L);
            assertThat(DefinitionAnalyzer.analyze("tv_user", "SELECT 1", new LiveCatalog(db.connection()))
                    .firstRuntimeError().orElseThrow().code()).isEqualTo(ErrorCode.TV002);
        }
    }
}
