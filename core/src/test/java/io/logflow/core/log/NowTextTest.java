package io.logflow.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NowTextTest {

    @Test
    void followsTheClockAtMillisecondPrecision() {
        AtomicLong millis = new AtomicLong(1_705_314_600_000L);
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return Instant.ofEpochMilli(millis.get()).plusNanos(123_456); }
        };
        NowText now = new NowText(clock);
        assertThat(now.get()).isEqualTo("2024-01-15T10:30:00Z");
        millis.addAndGet(250);
        assertThat(now.get()).isEqualTo("2024-01-15T10:30:00.250Z");
        assertThat(now.get()).isSameAs(now.get());
    }
}
