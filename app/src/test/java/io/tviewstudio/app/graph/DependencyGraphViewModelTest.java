package io.tviewstudio.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.catalog.TviewSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyGraphViewModelTest {

    private static final TviewInfo CATEGORY = new TviewInfo("category", "tv_category", 1, 6, List.of(
            new TviewSource("tb_category", "table", "root", "pk_category", "pk_category"),
            new TviewSource("tv_post", "tview", "child", "pk_category", "fk_category")));

    @Test
    void labelsATviewWithItsRowCount() {
        assertThat(DependencyGraphViewModel.label(CATEGORY)).isEqualTo("tv_category \u2014 6 rows");
        assertThat(DependencyGraphViewModel.label(new TviewInfo("one", "tv_one", 0, 1, List.of())))
                .isEqualTo("tv_one \u2014 1 row");
    }

    @Test
    void labelsEachSourceWithItsRuleAndMarksTviews() {
        assertThat(DependencyGraphViewModel.sourceLabels(CATEGORY)).containsExactly(
                "tb_category \u2014 root, pk_category",
                "tv_post (TVIEW) \u2014 child, pk_category");
    }

    @Test
    void isEmptyWithAHintUntilTviewsArrive() {
        DependencyGraphViewModel viewModel = new DependencyGraphViewModel();

        assertThat(viewModel.emptyProperty().get()).isTrue();
        assertThat(viewModel.hintProperty().get()).contains("once a database is connected");

        viewModel.tviews().add(CATEGORY);

        assertThat(viewModel.emptyProperty().get()).isFalse();
    }
}
