package org.s3gd.train.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void nestedMapsAndListsBecomeIndentedJson() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("hidden", List.of(200, 200));
        inner.put("lr", 2e-4);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", inner);
        root.put("resumed", null);
        root.put("ok", true);

        assertThat(Json.write(root)).isEqualTo("""
            {
              "config": {
                "hidden": [200, 200],
                "lr": 2.0E-4
              },
              "resumed": null,
              "ok": true
            }
            """);
    }

    @Test
    void stringsAreEscapedAndNonFiniteNumbersAreNull() {
        assertThat(Json.write(List.of("a\"b\\c\nd\u0001", Double.NaN, Float.POSITIVE_INFINITY)))
            .isEqualTo("[\"a\\\"b\\\\c\\nd\\u0001\", null, null]\n");
    }
}
