package dev.guildhall.bench.voice;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTallyTest {

    static final class Member implements StreamTally.Member {
        final long sent;
        final Map<StreamTally.Member, Long> got = new HashMap<>();

        Member(long sent) {
            this.sent = sent;
        }

        @Override
        public long sentInWindow() {
            return sent;
        }

        @Override
        public long receivedFrom(StreamTally.Member source) {
            return got.getOrDefault(source, 0L);
        }
    }

    @Test
    void everyReceiverExpectsWhatEachOtherMemberSent() {
        Member a = new Member(100);
        Member b = new Member(100);
        Member c = new Member(50);
        a.got.put(b, 100L);
        a.got.put(c, 50L);
        b.got.put(a, 99L);
        b.got.put(c, 50L);
        c.got.put(a, 100L);
        c.got.put(b, 0L);
        Member d = new Member(10);
        Member e = new Member(10);
        d.got.put(e, 12L); // a duplicate never makes up for a loss elsewhere
        e.got.put(d, 10L);

        StreamTally tally = new StreamTally();
        tally.addConference(List.of(a, b, c));
        tally.addConference(List.of(d, e));

        assertThat(tally.streams()).isEqualTo(3 * 2 + 2);
        assertThat(tally.expected()).isEqualTo(150 + 150 + 200 + 20);
        assertThat(tally.received()).isEqualTo(150 + 149 + 100 + 20);
        assertThat(tally.emptyStreams()).isEqualTo(1);
        assertThat(tally.lossPercent()).isEqualTo(100.0 * 101 / 520);
    }

    @Test
    void nothingExpectedIsNoFigure() {
        assertThat(new StreamTally().lossPercent()).isNaN();
    }
}
