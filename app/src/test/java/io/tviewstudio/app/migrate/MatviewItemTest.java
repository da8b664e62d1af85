package io.tviewstudio.app.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.core.migrate.ConversionProposal;
import io.tviewstudio.core.migrate.MaterializedView;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatviewItemTest {

    @Test
    void rowsSayWhyThereIsNoEstimateYet() {
        assertThat(item(true, 42).rows()).isEqualTo("42");
        assertThat(item(true, 0).rows()).isEqualTo("0");
        assertThat(item(true, -1).rows()).isEqualTo("not analysed yet");
        assertThat(item(false, -1).rows()).isEqualTo("not populated");
    }

    private static MatviewItem item(boolean populated, long estimatedRows) {
        MaterializedView matview = new MaterializedView("public.mv_x", "postgres", "SELECT 1", populated, 8192, estimatedRows,
                List.of(), List.of(), List.of(), List.of(), null);
        return new MatviewItem(matview, new ConversionProposal(matview, null, null, List.of(), null));
    }
}
