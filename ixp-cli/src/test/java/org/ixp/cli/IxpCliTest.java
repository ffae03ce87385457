package org.ixp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IxpCliTest {

    @Test
    void versionNamesTheProjectVersion() {
        CliRun r = CliRun.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("ixp 0.1.0-SNAPSHOT");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.run();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("Missing command");
    }

    @Test
    void helpListsTheCommands() {
        CliRun r = CliRun.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("probe", "demo");
    }
}
