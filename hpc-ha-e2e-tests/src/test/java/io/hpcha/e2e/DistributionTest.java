package io.hpcha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DistributionTest {
    private static Distribution of(long... millis) {
        Distribution d = new Distribution();
        for (long m : millis) {
            d.add(Duration.ofMillis(m));
        }
        return d;
    }

    @Test
    void theMedianOfAnOddCountIsTheMiddleSample() {
        Distribution d = of(5_550, 4_600, 4_910);
        assertThat(d.median()).isEqualTo(Duration.ofMillis(4_910));
        assertThat(d.min()).isEqualTo(Duration.ofMillis(4_600));
        assertThat(d.max()).isEqualTo(Duration.ofMillis(5_550));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(of(4_910, 5_230, 4_600, 5_410, 5_550, 4_640).median()).isEqualTo(Duration.ofMillis(5_070));
    }

    @Test
    void printsEverySampleInOrderTaken() {
        assertThat(of(4_900, 4_600).toString()).isEqualTo("n=2 min=4.60s median=4.75s max=4.90s; all: 4.90s 4.60s");
        assertThat(new Distribution()).hasToString("no samples");
    }
}
