package io.logflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {

    @TempDir
    Path dir;

    private ServerProcess start(String... command) {
        return ServerProcess.start("test server", new ProcessBuilder(List.of(command)), dir.resolve("out"), true);
    }

    @Test
    void stopIsASigtermAndSaysTheExitCode() {
        ServerProcess server = start("sleep", "60");

        assertThat(server.stop()).isEqualTo(128 + 15);
    }

    @Test
    void aKillReturnsAsSoonAsTheProcessIsGoneEvenWhileTheCommonPoolIsBusy() {
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> holders = IntStream.range(0, ForkJoinPool.getCommonPoolParallelism())
                .mapToObj(i -> CompletableFuture.runAsync(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })).toList();
        try {
            ServerProcess server = start("sleep", "60");
            long started = System.nanoTime();

            server.kill();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            release.countDown();
            holders.forEach(CompletableFuture::join);
        }
    }

    @Test
    void aServerThatDiesWhileStartingFailsWithItsLastWords() {
        ServerProcess server = start("sh", "-c", "echo 'port already in use'; exit 3");

        assertThatThrownBy(() -> server.awaitReady(Duration.ofSeconds(30), () -> false))
                .isInstanceOf(DevStackException.class)
                .hasMessageContaining("test server exited with code 3 while starting")
                .hasMessageContaining("port already in use");
    }

    @Test
    void aServerThatIsNotReadyInTimeIsStoppedAndFails() {
        ServerProcess server = start("sleep", "60");

        assertThatThrownBy(() -> server.awaitReady(Duration.ofSeconds(1), () -> false))
                .isInstanceOf(DevStackException.class)
                .hasMessageContaining("test server was not ready within 1 s");
        assertThat(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
