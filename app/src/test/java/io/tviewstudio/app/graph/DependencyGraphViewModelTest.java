package io.tviewstudio.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.graph.layout.ElkLayeredLayout;
import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.app.graph.model.DemoGraph;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.graph.DependencyGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyGraphViewModelTest {

    private final List<Runnable> queued = new ArrayList<>();
    private final DependencyGraphViewModel viewModel =
            new DependencyGraphViewModel(new ElkLayeredLayout()::layout, queued::add, Runnable::run);

    @TempDir
    Path dir;

    @Test
    void isEmptyWithAHintUntilTviewsArrive() {
        assertThat(viewModel.emptyProperty().get()).isTrue();
        assertThat(viewModel.hintProperty().get()).contains("once a database is connected");
        viewModel.loadingProperty().set(true);
        assertThat(viewModel.hintProperty().get()).isEqualTo(DependencyGraphViewModel.LOADING_HINT);

        viewModel.tviews().setAll(DemoGraph.BLOG);

        assertThat(viewModel.emptyProperty().get()).isFalse();
    }

    @Test
    void theCatalogListBecomesALaidOutGraphOfTablesAndTviews() {
        viewModel.tviews().setAll(DemoGraph.BLOG);

        assertThat(viewModel.dagProperty().get().size()).isEqualTo(7);
        assertThat(viewModel.layoutProperty().get().boxes()).hasSize(7);
        assertThat(viewModel.layoutProperty().get().edges()).hasSize(8);
        assertThat(viewModel.layingOutProperty().get()).isFalse();
        assertThat(queued).as("small graphs are laid out at once").isEmpty();
    }

    @Test
    void selectingATableHighlightsEveryTviewAWriteThereRefreshes() {
        viewModel.tviews().setAll(DemoGraph.BLOG);

        viewModel.select("tb_comment");

        assertThat(viewModel.highlightProperty().get().impact()).containsExactly("tv_comment");
        viewModel.select("tb_post");
        assertThat(viewModel.selectedProperty().get()).isEqualTo("tb_post");
        assertThat(viewModel.highlightProperty().get().impact())
                .containsExactlyInAnyOrder("tv_post", "tv_category", "tv_comment");
        NodeDetails details = viewModel.detailsProperty().get();
        assertThat(details.kind()).isEqualTo("Base table");
        assertThat(details.readers()).containsExactly("tv_post");
        assertThat(details.impact()).containsExactly("tv_post", "tv_category", "tv_comment");
        assertThat(details.facts()).containsExactly(new NodeDetails.Fact("A write refreshes", "3 TVIEWs"));
    }

    @Test
    void selectingATviewShowsModeRowsSizeSourcesAndDefinition() {
        viewModel.tviews().setAll(DemoGraph.BLOG);

        viewModel.select("tv_comment");

        NodeDetails details = viewModel.detailsProperty().get();
        assertThat(details.name()).isEqualTo("tv_comment");
        assertThat(details.kind()).isEqualTo("TVIEW");
        assertThat(details.facts()).containsExactly(
                new NodeDetails.Fact("Refresh mode", "deferred"),
                new NodeDetails.Fact("Rows", "648 rows"),
                new NodeDetails.Fact("Size", "160 kB"),
                new NodeDetails.Fact("Depth", "1"),
                new NodeDetails.Fact("A write refreshes", "no TVIEW"));
        assertThat(details.sources()).containsExactly("tb_comment \u2014 root, pk_comment",
                "tb_user \u2014 parent, fk_user", "tv_post (TVIEW) \u2014 parent, fk_post");
        assertThat(details.definition()).isEqualTo("SELECT m.pk_comment FROM tb_comment m");
    }

    @Test
    void selectingNothingOrAnUnknownNameClearsTheSelection() {
        viewModel.tviews().setAll(DemoGraph.BLOG);
        viewModel.select("tv_post");

        viewModel.select("tb_nothing");

        assertThat(viewModel.selectedProperty().get()).isEmpty();
        assertThat(viewModel.detailsProperty().get()).isNull();
        assertThat(viewModel.highlightProperty().get().active()).isFalse();
    }

    @Test
    void searchSelectsTheBestMatchOrSaysThatNothingMatches() {
        viewModel.tviews().setAll(DemoGraph.BLOG);

        assertThat(viewModel.search("COMMENT")).contains("tb_comment");
        assertThat(viewModel.selectedProperty().get()).isEqualTo("tb_comment");
        assertThat(viewModel.messageProperty().get()).isEqualTo("1 of 2 matches");

        assertThat(viewModel.search("tv_category")).contains("tv_category");
        assertThat(viewModel.messageProperty().get()).isEmpty();

        assertThat(viewModel.search(" zzz ")).isEmpty();
        assertThat(viewModel.messageProperty().get()).isEqualTo("No table or TVIEW matches \u201czzz\u201d");
        assertThat(viewModel.selectedProperty().get()).as("unchanged").isEqualTo("tv_category");
    }

    @Test
    void theSelectionSurvivesANewReadWhileItsNodeIsStillThere() {
        viewModel.tviews().setAll(DemoGraph.BLOG);
        viewModel.select("tv_category");

        viewModel.tviews().setAll(List.of(DemoGraph.POST, DemoGraph.CATEGORY));
        assertThat(viewModel.selectedProperty().get()).isEqualTo("tv_category");

        viewModel.tviews().setAll(List.of(DemoGraph.POST));
        assertThat(viewModel.selectedProperty().get()).isEmpty();
    }

    @Test
    void newRowCountsKeepEveryNodeWhereItWasAndTheSelection() {
        viewModel.tviews().setAll(DemoGraph.BLOG);
        viewModel.select("tv_comment");
        DagLayout before = viewModel.layoutProperty().get();

        viewModel.tviews().setAll(List.of(DemoGraph.POST, DemoGraph.CATEGORY, withRows(DemoGraph.COMMENT, 12)));

        DagLayout after = viewModel.layoutProperty().get();
        assertThat(after).isNotSameAs(before);
        assertThat(after.box("tv_comment").orElseThrow().node().rowCount()).isEqualTo(12);
        assertThat(after.boxes()).extracting(box -> List.of(box.node().name(), box.x(), box.y(), box.width()))
                .isEqualTo(before.boxes().stream().map(box -> List.of(box.node().name(), box.x(), box.y(), box.width())).toList());
        assertThat(after.edges()).isEqualTo(before.edges());
        assertThat(viewModel.detailsProperty().get().facts()).anySatisfy(fact -> assertThat(fact.value()).isEqualTo("12 rows"));
    }

    @Test
    void aRowCountTooWideForItsBoxLaysTheGraphOutAgain() {
        viewModel.tviews().setAll(DemoGraph.BLOG);
        double width = viewModel.layoutProperty().get().box("tv_comment").orElseThrow().width();

        viewModel.tviews().setAll(List.of(DemoGraph.POST, DemoGraph.CATEGORY, withRows(DemoGraph.COMMENT, 1_234_567_890_123L)));

        assertThat(viewModel.layoutProperty().get().box("tv_comment").orElseThrow().width()).isGreaterThan(width);
    }

    private static TviewInfo withRows(TviewInfo tview, long rows) {
        return new TviewInfo(tview.entity(), tview.table(), tview.depth(), rows, tview.sources(), tview.refreshMode(),
                tview.definition(), tview.totalBytes());
    }

    @Test
    void bigGraphsAreLaidOutInTheBackgroundAndTheNewestWins() {
        DependencyGraph first = DemoGraph.generated(400);
        DependencyGraph second = DemoGraph.generated(300);
        viewModel.showGraph(first);
        viewModel.showGraph(second);
        assertThat(viewModel.layingOutProperty().get()).isTrue();
        assertThat(viewModel.layoutProperty().get().boxes()).isEmpty();
        assertThat(queued).hasSize(2);

        // The newer layout finishes first; the older one, arriving late, is dropped.
        queued.get(1).run();
        assertThat(viewModel.layingOutProperty().get()).isFalse();
        assertThat(viewModel.layoutProperty().get().dag()).isSameAs(second);
        queued.get(0).run();

        assertThat(viewModel.layoutProperty().get().dag()).isSameAs(second);
    }

    @Test
    void exportsSvgWithEveryNodeAndReportsWhereItWrote() throws IOException {
        viewModel.tviews().setAll(DemoGraph.BLOG);
        viewModel.select("tb_user");
        Path file = dir.resolve("graph.svg");

        assertThat(viewModel.exportSvg(file)).isTrue();

        String svg = Files.readString(file);
        assertThat(svg).startsWith("<?xml").contains("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        for (String name : List.of("tb_user", "tb_post", "tb_category", "tb_comment", "tv_post", "tv_category", "tv_comment")) {
            assertThat(svg).contains(">" + name + "</text>");
        }
        assertThat(svg).contains("deferred \u00b7 648 rows");
        assertThat(viewModel.messageProperty().get()).isEqualTo("Exported graph.svg");
    }

    @Test
    void anExportThatCannotBeWrittenSaysWhyAndLeavesNoFile() {
        viewModel.tviews().setAll(DemoGraph.BLOG);
        Path file = dir.resolve("missing").resolve("graph.svg");

        assertThat(viewModel.exportSvg(file)).isFalse();

        assertThat(viewModel.messageProperty().get()).startsWith("Could not export graph.svg: ")
                .contains("missing");
        assertThat(file).doesNotExist();
    }

    @Test
    void exportsThePngTheViewEncodesAndReportsAFailureToEncode() throws IOException {
        viewModel.tviews().setAll(DemoGraph.BLOG);
        Path file = dir.resolve("graph.png");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};

        assertThat(viewModel.exportPng(file, () -> png)).isTrue();

        assertThat(Files.readAllBytes(file)).isEqualTo(png);
        assertThat(viewModel.messageProperty().get()).isEqualTo("Exported graph.png");
        Path other = dir.resolve("other.png");
        assertThat(viewModel.exportPng(other, () -> {
            throw new IOException("the image has no pixels to write");
        })).isFalse();
        assertThat(viewModel.messageProperty().get())
                .isEqualTo("Could not export other.png: the image has no pixels to write");
        assertThat(other).doesNotExist();
    }

    @Test
    void labelsEachSourceWithItsRuleAndMarksTviews() {
        TviewInfo category = DemoGraph.CATEGORY;
        assertThat(DependencyGraphViewModel.sourceLabels(category)).containsExactly(
                "tb_category \u2014 root, pk_category",
                "tv_post (TVIEW) \u2014 child, pk_category");
    }
}
