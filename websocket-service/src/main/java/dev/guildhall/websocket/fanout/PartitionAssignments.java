package dev.guildhall.websocket.fanout;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which partitions the fan-out consumer holds. On assignment the start position (latest) is
 * resolved at once, so anything published after the node reports ready is seen.
 */
public class PartitionAssignments implements ConsumerAwareRebalanceListener {

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            consumer.position(partition);
        }
        assigned.addAll(partitions);
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    /** Whether the consumer has joined and holds partitions. */
    public boolean ready() {
        return !assigned.isEmpty();
    }

    public Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        assigned.forEach(p -> topics.add(p.topic()));
        return topics;
    }

    public int partitions() {
        return assigned.size();
    }
}
