package io.tviewstudio.core.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.DefinitionAnalyzer;
import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.catalog.DependencyGraphReader;
import io.tviewstudio.core.catalog.LiveCatalog;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.catalog.TviewSource;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
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

    private static final TviewInfo POST = new TviewInfo("post", "tv_post", 0, 216, List.of(
            new TviewSource("tb_category", "table", "parent", "fk_category", "pk_category"),
            new TviewSource("tb_post", "table", "root", "pk_post", "pk_post"),
            new TviewSource("tb_user", "table", "parent", "fk_user", "pk_user")),
            "immediate", "SELECT p.pk_post FROM tb_post p", 65_536);
    private static final TviewInfo CATEGORY = new TviewInfo("category", "tv_category", 1, 6, List.of(
            new TviewSource("tb_category", "table", "root", "pk_category", "pk_category"),
            new TviewSource("tv_post", "tview", "child", "pk_category", "fk_category")),
            "immediate", "SELECT c.pk_category FROM tb_category c", TviewInfo.SIZE_UNKNOWN);
    private static final TviewInfo COMMENT = new TviewInfo("comment", "tv_comment", 1, 648, List.of(
            new TviewSource("tb_comment", "table", "root", "pk_comment", "pk_comment"),
            new TviewSource("tb_user", "table", "parent", "fk_user", "pk_user"),
            new TviewSource("tv_post", "tview", "parent", "fk_post", "pk_post")),
            "deferred", "SELECT m.pk_comment FROM tb_comment m", 163_840);

    @Test
    void graphOfTheCatalogsTviewsKnowsTheirFactsAndKeepsTheCatalogsOrder() {
        DependencyGraph graph = DependencyGraphReader.graphOf(List.of(POST, CATEGORY, COMMENT));

        assertThat(graph.graphNodes()).extracting(GraphNode::name).containsExactly(
                "tb_category", "tb_post", "tb_user", "tb_comment", "tv_post", "tv_category", "tv_comment");
        assertThat(graph.node("tb_user").orElseThrow()).isEqualTo(GraphNode.table("tb_user"));
        assertThat(graph.node("tv_comment").orElseThrow()).isEqualTo(new GraphNode("tv_comment", NodeKind.TVIEW, 648,
                163_840, "deferred", "SELECT m.pk_comment FROM tb_comment m", 1));
        assertThat(graph.node("tv_category").orElseThrow().totalBytes()).isEqualTo(GraphNode.UNKNOWN);
        assertThat(graph.graphEdges()).hasSize(8).startsWith(new ReadEdge("tb_category", "tv_post"))
                .contains(new ReadEdge("tv_post", "tv_category"));
        assertThat(graph.sources("tv_comment")).containsExactly("tb_comment", "tb_user", "tv_post");
        assertThat(graph.readers("tv_post")).containsExactly("tv_category", "tv_comment");
        assertThat(graph.readers("tb_user")).containsExactly("tv_post", "tv_comment");
        assertThat(graph.edges()).extracting(ReadEdge::rowPath).contains("tb_user.pk_user -> tv_post.fk_user");
        assertThat(graph.hasCycle()).isFalse();
        assertThat(graph.creationOrder()).containsExactly("tv_post", "tv_category", "tv_comment");
    }

    @Test
    void downstreamIsEveryTviewAWriteRefreshesNearestFirstAndUpstreamWhatItReads() {
        DependencyGraph graph = DependencyGraphReader.graphOf(List.of(POST, CATEGORY, COMMENT));

        assertThat(graph.downstream("tb_post")).containsExactly("tv_post", "tv_category", "tv_comment");
        assertThat(graph.downstream("tb_comment")).containsExactly("tv_comment");
        assertThat(graph.downstream("tv_comment")).isEmpty();
        assertThat(graph.downstream("tb_nothing")).isEmpty();
        assertThat(graph.upstream("tv_category")).containsExactly("tb_category", "tv_post", "tb_post", "tb_user");
        assertThat(graph.downstream("tb_user")).as("what impact lists, without the paths")
                .containsExactlyInAnyOrderElementsOf(graph.impact("tb_user").tviews().stream()
                        .map(Impact.ImpactedTview::tview).toList());
    }

    @Test
    void findsTheEdgesOfCyclesAndNoOthers() {
        List<GraphNode> nodes = List.of(GraphNode.table("tb_a"), tview("tv_b"), tview("tv_c"), tview("tv_d"), tview("tv_e"));
        DependencyGraph graph = DependencyGraph.of(nodes, List.of(
                new ReadEdge("tb_a", "tv_b"), new ReadEdge("tv_b", "tv_c"), new ReadEdge("tv_c", "tv_d"),
                new ReadEdge("tv_d", "tv_b"), new ReadEdge("tv_d", "tv_e"), new ReadEdge("tv_e", "tv_e")));

        assertThat(graph.cycleEdges()).containsExactly(new ReadEdge("tv_b", "tv_c"),
                new ReadEdge("tv_c", "tv_d"), new ReadEdge("tv_d", "tv_b"), new ReadEdge("tv_e", "tv_e"));
        assertThat(graph.hasCycle()).isTrue();
        assertThat(graph.downstream("tv_c")).containsExactly("tv_d", "tv_b", "tv_e", "tv_c");
        assertThat(graph.cycles()).containsExactly(List.of("tv_b", "tv_d", "tv_c", "tv_b"), List.of("tv_e", "tv_e"));
    }

    @Test
    void aLongChainNeedsNoDeepStack() {
        int length = 50_000;
        List<GraphNode> nodes = new ArrayList<>();
        List<ReadEdge> edges = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            nodes.add(tview("tv_" + i));
            if (i > 0) {
                edges.add(new ReadEdge("tv_" + (i - 1), "tv_" + i));
            }
        }
        edges.add(new ReadEdge("tv_" + (length - 1), "tv_0"));

        assertThat(DependencyGraph.of(nodes, edges).cycleEdges()).hasSize(length);
    }

    @Test
    void refusesEdgesToUnknownNodesAndDuplicateNodes() {
        assertThatThrownBy(() -> DependencyGraph.of(List.of(GraphNode.table("tb_a")), List.of(new ReadEdge("tb_a", "tv_x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("edge tb_a -> tv_x names a node that is not in the graph");
        assertThatThrownBy(() -> DependencyGraph.of(List.of(GraphNode.table("tb_a"), GraphNode.table("tb_a")), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node tb_a is given twice");
    }

    @Test
    void aGraphOfTheSameNodesAndEdgesHasTheSameShapeWhateverItKnowsOfThem() {
        DependencyGraph graph = DependencyGraphReader.graphOf(List.of(POST, CATEGORY, COMMENT));
        TviewInfo fewerRows = new TviewInfo("comment", "tv_comment", 1, 12, COMMENT.sources(), "deferred", "", -1);

        assertThat(graph.sameShapeAs(DependencyGraphReader.graphOf(List.of(POST, CATEGORY, fewerRows)))).isTrue();
        assertThat(graph.sameShapeAs(DependencyGraphReader.graphOf(List.of(POST, CATEGORY)))).isFalse();
        assertThat(DependencyGraph.empty().isEmpty()).isTrue();
    }

    private static GraphNode tview(String name) {
        return new GraphNode(name, NodeKind.TVIEW, 0, GraphNode.UNKNOWN, "immediate", "", -1);
    }
}
