package io.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.backprop.engine.optim.Sgd;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages depend one way, as {@code jdeps} reads the compiled classes: the engine on
 * its optimizers and kernels, the optimizers on the kernels only, the kernels on no other package
 * of the service, and none of them on Spring.
 */
class EngineDependenciesTest {

    private static final String ENGINE = "io.backprop.engine";
    private static final String OPTIM = ENGINE + ".optim";
    private static final String KERNELS = ENGINE + ".kernels";

    @Test
    void enginePackagesDependOneWayAndNeverOnSpring() throws URISyntaxException {
        Map<String, Set<String>> uses = packageDependencies();

        assertThat(uses).containsKeys(ENGINE, OPTIM, KERNELS);
        assertThat(service(uses.get(ENGINE))).containsExactlyInAnyOrder(ENGINE, OPTIM, KERNELS);
        assertThat(service(uses.get(OPTIM))).containsExactlyInAnyOrder(OPTIM, KERNELS);
        assertThat(service(uses.get(KERNELS))).containsExactlyInAnyOrder(KERNELS);
        uses.forEach((from, targets) -> assertThat(targets).as(from).noneMatch(target -> target.startsWith("org.springframework")));
    }

    /** Every engine package's dependencies, by package, from the classes the build compiled. */
    private static Map<String, Set<String>> packageDependencies() throws URISyntaxException {
        Path classes = Path.of(Sgd.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
                classes.resolve("io/backprop/engine").toString());
        assertThat(status).as(out.toString()).isZero();
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] edge = line.trim().split("\\s*->\\s*");
            if (edge.length == 2 && edge[0].startsWith(ENGINE)) {
                uses.computeIfAbsent(edge[0], from -> new TreeSet<>()).add(edge[1].split("\\s+")[0]);
            }
        }
        return uses;
    }

    private static Set<String> service(Set<String> packages) {
        Set<String> own = new TreeSet<>();
        packages.stream().filter(target -> target.startsWith("io.backprop.")).forEach(own::add);
        return own;
    }
}
