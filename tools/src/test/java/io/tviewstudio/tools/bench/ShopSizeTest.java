package io.tviewstudio.tools.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShopSizeTest {

    @Test
    void scalesNameProductCounts() {
        assertThat(ShopSize.parse("1k")).isEqualTo(new ShopSize(1000, 100, 100, 2000));
        assertThat(ShopSize.parse("100K").products()).isEqualTo(100_000);
        assertThat(ShopSize.parse("1m")).isEqualTo(new ShopSize(1_000_000, 100_000, 100_000, 2_000_000));
        assertThat(ShopSize.parse("250")).isEqualTo(new ShopSize(250, 25, 25, 500));
        assertThat(ShopSize.parse("100").users()).isEqualTo(10);
    }

    @Test
    void labelsAreShort() {
        assertThat(ShopSize.parse("10000").label()).isEqualTo("10k");
        assertThat(ShopSize.parse("1m").label()).isEqualTo("1m");
        assertThat(ShopSize.parse("250").label()).isEqualTo("250");
    }

    @Test
    void tooSmallTooLargeOrNotANumberIsRefused() {
        for (String bad : new String[] {"99", "11m", "1g", "", "-5", "99999999999k"}) {
            assertThatThrownBy(() -> ShopSize.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--scale must be a product count such as 1k, 100k, 1m or 5000, between 100 and 10m, not \""
                            + bad + "\"");
        }
    }
}
