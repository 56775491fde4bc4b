package io.backprop.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Export and import of a 784-256-128-10 network in process, each format, best of several runs: each under 100 ms.
 * A timing, not part of the default build: {@code ./mvnw test -Dtest.excludedGroups= -Dgroups=timing}.
 */
@Tag("timing")
@SpringBootTest
@AutoConfigureMockMvc
class ExportImportSpeedTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ExportService exports;
    @Autowired
    private ImportService imports;
    @Autowired
    private com.fasterxml.jackson.databind.ObjectMapper json;

    @Test
    void exportAndImportOfA784To10NetworkTakeUnder100Milliseconds() throws Exception {
        String body = """
                { "inputs": 784, "layers": [ { "units": 256, "activation": "relu" }, { "units": 128, "activation": "relu" },
                  { "units": 10, "activation": "softmax" } ], "loss": "cross_entropy", "init": { "seed": 1 } }""";
        String id = json.readTree(mvc.perform(post("/networks").contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn().getResponse().getContentAsByteArray()).get("id").asText();
        for (ExportFormat format : ExportFormat.values()) {
            byte[] bytes = exports.export(id, format).bytes();
            double exportMs = best(() -> exports.export(id, format));
            double importMs = best(() -> format == ExportFormat.JSON ? imports.importJson(json.readValue(bytes, NetworkExport.class))
                    : imports.importFile(new ImportForm(new MockMultipartFile("file", "m." + format.extension(), null, bytes),
                            null, null, null, null)));
            System.out.printf("784-256-128-10 %s (%d bytes): export %.1f ms, import %.1f ms%n", format.extension(), bytes.length,
                    exportMs, importMs);
            assertThat(exportMs).as("%s export", format).isLessThan(100);
            assertThat(importMs).as("%s import", format).isLessThan(100);
        }
    }

    private static double best(Callable<?> action) throws Exception {
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 15; run++) {
            long start = System.nanoTime();
            action.call();
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        return best;
    }
}
