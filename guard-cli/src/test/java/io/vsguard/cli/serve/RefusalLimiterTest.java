package io.vsguard.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RefusalLimiterTest {
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-24T10:00:00Z"));
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @Test
  void aClientIsRecordedWithinItsAllowanceThenOncePerIntervalWithTheCountOfTheRest() {
    RefusalLimiter l = new RefusalLimiter(clock);
    for (int i = 0; i < RefusalLimiter.BURST; i++) {
      assertThat(l.admit("192.0.2.1"))
          .isEqualTo(new RefusalLimiter.Admission(true, false, 0, null, "192.0.2.1"));
    }
    RefusalLimiter.Admission opening = l.admit("192.0.2.1");
    assertThat(opening.record()).isTrue();
    assertThat(opening.limited()).isTrue();
    assertThat(opening.until()).isEqualTo(now.get().plus(RefusalLimiter.INTERVAL));
    for (int i = 0; i < 50; i++) {
      RefusalLimiter.Admission a = l.admit("192.0.2.1");
      assertThat(a.record()).isFalse();
      assertThat(a.limited()).isTrue();
    }
    assertThat(l.admit("192.0.2.2").limited()).as("another client has its own allowance").isFalse();

    now.set(now.get().plus(Duration.ofSeconds(4)));
    RefusalLimiter.Admission refilled = l.admit("192.0.2.1");
    assertThat(refilled.record()).isTrue();
    assertThat(refilled.limited()).isFalse();
    assertThat(refilled.suppressed()).as("the refusals that were not recorded").isEqualTo(50);
  }

  @Test
  void everyoneTogetherHasAnAllowanceToo() {
    RefusalLimiter l = new RefusalLimiter(clock);
    int recorded = 0;
    for (int i = 0; i < RefusalLimiter.GLOBAL_BURST + 100; i++) {
      RefusalLimiter.Admission a = l.admit("198.51.100." + (i % 250));
      recorded += a.record() && !a.limited() ? 1 : 0;
      if (a.limited()) {
        assertThat(a.client()).isEqualTo(RefusalLimiter.ALL_CLIENTS);
      }
    }
    assertThat(recorded).isEqualTo(RefusalLimiter.GLOBAL_BURST);
  }

  @Test
  void ipv6ClientsAreCountedByTheirSlash64() {
    assertThat(RefusalLimiter.clientKey("2001:db8:1:2:aaaa::1"))
        .isEqualTo(RefusalLimiter.clientKey("[2001:db8:1:2::ffff]"))
        .isEqualTo("2001:db8:1:2::/64");
    assertThat(RefusalLimiter.clientKey("203.0.113.9")).isEqualTo("203.0.113.9");
  }
}
