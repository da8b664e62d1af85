package io.tviewstudio.core.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.DefinitionAnalyzer;
import io.tviewstudio.core.analysis.catalog.CatalogSnapshot;
import io.tviewstudio.core.catalog.DependencyGraphReader;
import io.tviewstudio.core.catalog.LiveCatalog;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DependencyGraphTest {

    @Test
    void catalogGraphOfTheBlogHasItsTablesTviewsRulesAndCreationOrder() throws Exception {
        try (TestDatabase db = TestDatabase.withRuntime()) {
            db.execute(Resources.text("schemas/blog.sql"));
            db.execute(Resources.text("schemas/blog-tviews.sql"));

            DependencyGraph graph = DependencyGraphReader.read(db.connection());

            assertThat(graph.nodes()).containsExactly("tb_category", "tb_comment", "tb_post", "tb_user",
                    "tv_category", "tv_comment", "tv_post");
            assertThat(graph.kind("tv_post")).isEqualTo(NodeKind.TVIEW);
            assertThat(graph.kind("tb_user")).isEqualTo(NodeKind.TABLE);
            assertThat(graph.reads("tv_comment")).containsExactly("tb_comment", "tb_user", "tv_post");
            assertThat(graph.edges()).extracting(ReadEdge::rowPath).contains("tb_user.pk_user -> tv_post.fk_user");
            assertThat(graph.cycles()).isEmpty();
            assertThat(graph.creationOrder()).containsExactly("tv_post", "tv_category", "tv_comment");
        }
    }

    @Test
    void impactOfAUserChangeReachesEveryTviewWithRowPathsAndCascadeDepth() throws Exception {
        try (TestDatabase db = TestDatabase.withRuntime()) {
            db.execute(Resources.text("schemas/blog.sql"));
            db.execute(Resources.text("schemas/blog-tviews.sql"));

            Impact impact = DependencyGraphReader.read(db.connection()).impact("tb_user");

            assertThat(impact.cascadeDepth()).isEqualTo(2);
            assertThat(impact.tviews()).extracting(Impact.ImpactedTview::tview)
                    .containsExactly("tv_comment", "tv_post", "tv_category");
            Impact.ImpactedTview comment = impact.tviews().getFirst();
            assertThat(comment.distance()).isEqualTo(1);
            assertThat(comment.rowPaths()).containsExactly(
                    "tb_user.pk_user -> tv_comment.fk_user",
                    "tb_user.pk_user -> tv_post.fk_user => tv_post.pk_post -> tv_comment.fk_post");
            assertThat(impact.tviews().get(2).rowPaths()).containsExactly(
                    "tb_user.pk_user -> tv_post.fk_user => tv_post.fk_category -> tv_category.pk_category");
            assertThat(DependencyGraphReader.read(db.connection()).impact("tb_nothing").tviews()).isEmpty();
        }
    }

    @Test
    void unsavedDefinitionsAddToTheCatalogGraph() throws Exception {
        try (TestDatabase db = TestDatabase.withRuntime()) {
            db.execute(Resources.text("schemas/blog.sql"));
            db.execute(Resources.text("schemas/blog-tviews.sql"));
            AnalysisResult feed = DefinitionAnalyzer.analyze("""
                    CREATE TVIEW tv_feed AS
                    SELECT c.pk_comment AS pk_feed, c.pk_comment AS fk_comment, c.id, c.data FROM tv_comment c""",
                    new LiveCatalog(db.connection()));
            assertThat(feed.diagnostics()).isEmpty();

            DependencyGraph graph = DependencyGraphReader.read(db.connection()).withDefinitions(List.of(feed));

            assertThat(graph.creationOrder()).containsExactly("tv_post", "tv_category", "tv_comment", "tv_feed");
            assertThat(graph.impact("tb_post").cascadeDepth()).isEqualTo(3);
        }
    }

    @Test
    void definitionsThatReadEachOtherAreACycleSpelledOut() {
        List<AnalysisResult> definitions = DefinitionAnalyzer.analyzeScript("""
                CREATE TVIEW tv_a AS SELECT b.pk_b AS pk_a, b.pk_b AS fk_b, b.id, b.data FROM tv_b b;
                CREATE TVIEW tv_b AS SELECT a.pk_a AS pk_b, a.pk_a AS fk_a, a.id, a.data FROM tv_a a;
                CREATE TVIEW tv_c AS SELECT t.pk_c, t.id, to_jsonb(t.name) AS data FROM tb_c t;
                """, CatalogSnapshot.offline());

        DependencyGraph graph = DependencyGraph.fromDefinitions(definitions);

        assertThat(graph.cycles()).containsExactly(List.of("tv_a", "tv_b", "tv_a"));
        assertThatThrownBy(graph::creationOrder).isInstanceOf(DependencyCycleException.class)
                .hasMessage("TV030: dependency cycle: tv_a -> tv_b -> tv_a");
        assertThat(graph.toDot()).contains("\"tv_b\" -> \"tv_a\" [label=\"parent: pk_b -> fk_b\", color=red];")
                .contains("\"tb_c\" [shape=box];");
    }

    @Test
    void jsonAndDotExportsDescribeTheWholeGraph() throws Exception {
        List<AnalysisResult> definitions = DefinitionAnalyzer.analyzeScript("""
                CREATE TVIEW tv_post AS SELECT p.pk_post, p.id, p.fk_user,
                    jsonb_build_object('author', u.name) AS data FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user;
                """, CatalogSnapshot.offline());
        DependencyGraph graph = DependencyGraph.fromDefinitions(definitions);

        JsonNode json = new ObjectMapper().readTree(graph.toJson());

        assertThat(json.get("nodes").toString()).isEqualTo(
                "[{\"name\":\"tb_post\",\"kind\":\"table\"},{\"name\":\"tb_user\",\"kind\":\"table\"},{\"name\":\"tv_post\",\"kind\":\"tview\"}]");
        assertThat(json.get("edges").toString()).isEqualTo("[{\"source\":\"tb_post\",\"reader\":\"tv_post\",\"rules\":"
                + "[{\"rule\":\"root\",\"sourceColumn\":\"pk_post\",\"tviewColumn\":\"pk_post\"}]},"
                + "{\"source\":\"tb_user\",\"reader\":\"tv_post\",\"rules\":"
                + "[{\"rule\":\"parent\",\"sourceColumn\":\"pk_user\",\"tviewColumn\":\"fk_user\"}]}]");
        assertThat(json.get("cycles").size()).isZero();
        assertThat(json.get("creationOrder").toString()).isEqualTo("[\"tv_post\"]");
        assertThat(graph.toDot()).isEqualTo("""
                digraph tviews {
                  rankdir=LR;
                  "tb_post" [shape=box];
                  "tb_user" [shape=box];
                  "tv_post" [shape=ellipse, style=bold];
                  "tb_post" -> "tv_post" [label="root: pk_post -> pk_post"];
                  "tb_user" -> "tv_post" [label="parent: pk_user -> fk_user"];
                }
                """);
    }
}
