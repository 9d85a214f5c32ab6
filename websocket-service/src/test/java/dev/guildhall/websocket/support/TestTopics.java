package dev.guildhall.websocket.support;

import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.websocket.fanout.EventConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Creates every topic the gateway reads, once per JVM, before any node subscribes. */
final class TestTopics {

    private static boolean done;

    private TestTopics() {
    }

    static synchronized void ensure() {
        if (done) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrap()))) {
            for (String topic : EventConsumer.TOPICS) {
                try {
                    admin.createTopics(Arrays.asList(new NewTopic(topic, 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        done = true;
    }
}
