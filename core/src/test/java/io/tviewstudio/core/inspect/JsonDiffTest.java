package io.tviewstudio.core.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonDiffTest {

    @Test
    void namesEachDifferingPathAsASqlJsonPath() {
        assertThat(JsonDiff.between("{\"a\": 1, \"b\": {\"c\": [1, 2]}, \"odd key\": true}",
                "{\"b\": {\"c\": [1, 3, 4]}, \"a\": 1, \"new\": null}"))
                .extracting(JsonDiff.Difference::describe)
                .containsExactly("$.b.c[1]: stored 2, view 3", "$.b.c[2]: only in the view: 4",
                        "$.\"odd key\": only stored: true", "$.new: only in the view: null");
    }

    @Test
    void equalDocumentsAndMissingSides() {
        assertThat(JsonDiff.between("{\"a\": [1, {\"b\": 2}]}", "{\"a\": [1, {\"b\": 2}]}")).isEmpty();
        assertThat(JsonDiff.between(null, "{\"a\": 1}")).extracting(JsonDiff.Difference::path).containsExactly("$");
        assertThat(JsonDiff.between(null, null)).isEmpty();
    }
}
