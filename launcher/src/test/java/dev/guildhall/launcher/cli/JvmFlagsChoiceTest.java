package dev.guildhall.launcher.cli;

import dev.guildhall.launcher.fleet.FleetConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ADR 237: {@code up} serves with C2, {@code up --quick} starts C1-only JVMs; GUILDHALL_JAVA_OPTS adds to either. */
class JvmFlagsChoiceTest {

    @Test
    void upServesWithTieredCompilationAndQuickKeepsC1Only() {
        Main main = new Main(System.out, System.err, Map.of());

        FleetConfig serving = main.config(Options.parse(new String[] {"up"}, Map.of()));
        FleetConfig quick = main.config(Options.parse(new String[] {"up", "--quick"}, Map.of()));

        assertThat(serving.jvmOptions()).doesNotContain("-XX:TieredStopAtLevel=1").contains("-Xmx256m");
        assertThat(quick.jvmOptions()).contains("-XX:TieredStopAtLevel=1", "-Xmx256m");
        // the two choices differ in the compiler only: a flag added for one reaches the other too
        assertThat(serving.jvmOptions().subList(1, serving.jvmOptions().size()))
                .isEqualTo(quick.jvmOptions().subList(1, quick.jvmOptions().size()))
                .contains("-Dio.netty.allocator.type=pooled");
    }

    @Test
    void javaOptsFromTheEnvironmentComeLastSoTheyWin() {
        Map<String, String> env = Map.of("GUILDHALL_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xmx512m");
        Main main = new Main(System.out, System.err, env);

        FleetConfig config = main.config(Options.parse(new String[] {"up"}, env));

        assertThat(config.jvmOptions()).endsWith("-XX:TieredStopAtLevel=1", "-Xmx512m");
    }
}
