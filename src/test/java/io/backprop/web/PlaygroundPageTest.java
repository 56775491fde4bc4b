package io.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The root serves the playground page, and every script, style and library it loads resolves. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlaygroundPageTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import .* from '([^']+)';$");

    @Autowired
    private TestRestTemplate http;

    @Test
    void rootServesThePlaygroundWithEveryTestHook() {
        ResponseEntity<String> root = http.getForEntity("/", String.class);

        assertThat(root.getStatusCode().value()).isEqualTo(200);
        assertThat(root.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        for (String hook : List.of("preset", "network", "step", "train", "stop", "learning-rate", "loss", "loss-chart", "boundary",
                "trace", "language")) {
            assertThat(root.getBody()).as("data-testid %s", hook).contains("data-testid=\"" + hook + "\"");
        }
        assertThat(root.getBody()).contains("href=\"/swagger-ui.html\"");
        assertThat(http.getForObject("/playground/network-view.js", String.class)).contains("`node-${l}-${j}`");
    }

    @Test
    void everyAssetAndModuleThePageLoadsResolves() {
        String page = http.getForObject("/", String.class);
        Set<String> assets = new LinkedHashSet<>();
        Matcher links = ASSET.matcher(page);
        while (links.find()) {
            if (!links.group(1).equals("/swagger-ui.html")) {
                assets.add(links.group(1));
            }
        }
        assertThat(assets).contains("/webjars/uplot/dist/uPlot.min.css", "/playground/main.js");

        Deque<String> modules = new ArrayDeque<>(List.of("/playground/main.js"));
        Set<String> seen = new LinkedHashSet<>();
        while (!modules.isEmpty()) {
            String module = modules.pop();
            if (!seen.add(module)) {
                continue;
            }
            ResponseEntity<String> script = http.getForEntity(module, String.class);
            assertThat(script.getStatusCode().value()).as(module).isEqualTo(200);
            assertThat(script.getHeaders().getContentType().getSubtype()).as(module).isEqualTo("javascript");
            if (module.startsWith("/playground/")) {
                Matcher imports = IMPORT.matcher(script.getBody());
                while (imports.find()) {
                    String target = imports.group(1);
                    modules.push(target.startsWith("./") ? "/playground/" + target.substring(2) : target);
                }
            }
        }
        assertThat(seen).contains("/webjars/uplot/dist/uPlot.esm.js", "/playground/api.js", "/playground/i18n.js");
        assertThat(http.getForObject("/webjars/uplot/dist/uPlot.esm.js", String.class)).contains("export { uPlot as default }");
        for (String asset : assets) {
            assertThat(http.getForEntity(asset, String.class).getStatusCode().value()).as(asset).isEqualTo(200);
        }
    }
}
