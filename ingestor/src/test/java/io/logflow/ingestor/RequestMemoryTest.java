package io.logflow.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RequestMemoryTest {

    private final Counter refusals = new SimpleMeterRegistry().counter("refusals");
    private final RequestMemory memory = new RequestMemory(1_000, refusals);

    @Test
    void requestsShareTheLimitAndGiveTheirShareBackWhenTheyEnd() throws Exception {
        RequestMemory.Lease first = memory.lease();
        first.reserve(600);
        try (RequestMemory.Lease second = memory.lease()) {
            second.reserve(400);
            assertThat(memory.held()).isEqualTo(1_000);
        }
        assertThat(memory.held()).isEqualTo(600);
        first.close();
        assertThat(memory.held()).isZero();
    }

    @Test
    void aRequestThatDoesNotFitBesideOthersIsTold429AndHoldsNothingMore() throws Exception {
        try (RequestMemory.Lease first = memory.lease(); RequestMemory.Lease second = memory.lease()) {
            first.reserve(700);
            second.reserve(100);

            assertThatThrownBy(() -> second.reserve(300)).isInstanceOfSatisfying(RequestMemory.Exhausted.class, e -> {
                assertThat(e.alone()).isFalse();
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.getMessage()).contains("ingestor.max_request_memory_bytes");
            });
            assertThat(memory.held()).as("the refused reservation is not kept").isEqualTo(800);
        }
        assertThat(refusals.count()).isEqualTo(1);
    }

    @Test
    void aRequestThatAloneNeedsMoreThanTheLimitIsTold413() throws Exception {
        try (RequestMemory.Lease lease = memory.lease()) {
            lease.reserve(500);
            assertThatThrownBy(() -> lease.reserve(501)).isInstanceOfSatisfying(RequestMemory.Exhausted.class, e -> {
                assertThat(e.alone()).isTrue();
                assertThat(e.status()).isEqualTo(413);
                assertThat(e.getMessage()).contains("send smaller batches");
            });
        }
        assertThat(memory.held()).isZero();
    }

    @Test
    void aBodyIsReservedAsItIsReadAndStopsWhereTheMemoryEnds() throws Exception {
        try (RequestMemory.Lease lease = memory.lease(); RequestMemory.Lease other = memory.lease()) {
            other.reserve(300);
            InputStream body = lease.reading(new ByteArrayInputStream(new byte[5_000]));

            assertThat(body.readNBytes(600)).hasSize(600);
            assertThat(memory.held()).isEqualTo(900);
            assertThatThrownBy(() -> body.readNBytes(200)).isInstanceOf(RequestMemory.Exhausted.class);
        }
        assertThat(memory.held()).isZero();
    }
}
