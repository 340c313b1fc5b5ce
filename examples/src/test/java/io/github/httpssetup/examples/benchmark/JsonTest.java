package io.github.httpssetup.examples.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void write_nestedMapsAndLists_keepsOrderAndIndents() {
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("reads", 3);
        count.put("writes", 0);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("latency_ms", 50L);
        root.put("by_service", Map.of("ec2", count));
        root.put("scale", List.of(Map.of("instances", 1)));
        root.put("empty", List.of());
        root.put("ok", true);

        assertThat(Json.write(root)).isEqualTo("""
                {
                  "latency_ms": 50,
                  "by_service": {
                    "ec2": {
                      "reads": 3,
                      "writes": 0
                    }
                  },
                  "scale": [
                    {
                      "instances": 1
                    }
                  ],
                  "empty": [],
                  "ok": true
                }
                """);
    }

    @Test
    void write_strings_escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.write("a \"b\" \\ c\n\u0001")).isEqualTo("\"a \\\"b\\\" \\\\ c\\n\\u0001\"\n");
    }

    @Test
    void write_nullAndNaN_areNull() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("a", null);
        root.put("b", Double.NaN);

        assertThat(Json.write(root)).isEqualTo("{\n  \"a\": null,\n  \"b\": null\n}\n");
    }
}
