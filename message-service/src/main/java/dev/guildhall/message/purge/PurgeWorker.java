package dev.guildhall.message.purge;

import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One background thread per instance that finds due jobs in every shard, leases one and works it to
 * its end. Started with the application, so jobs a crashed instance left are picked up again once
 * their lease passes; several instances share the work through the lease. Never on a request's thread.
 */
@Component
class PurgeWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PurgeWorker.class);

    private final ShardDatabases shards;
    private final PurgeJobRepository jobs;
    private final PurgeRunner runner;
    private final PurgeProperties properties;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    PurgeWorker(ShardDatabases shards, PurgeJobRepository jobs, PurgeRunner runner, PurgeProperties properties,
                Clock clock) {
        this.shards = shards;
        this.jobs = jobs;
        this.runner = runner;
        this.properties = properties;
        this.clock = clock;
    }

    /** A job was created: look now rather than at the next poll. */
    void wake() {
        wakeUp.release();
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::loop, "content-purge");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            boolean worked = false;
            try {
                worked = runDue();
            } catch (RuntimeException e) {
                log.warn("looking for content to delete failed, next try in {}: {}", properties.pollInterval(), e.toString());
            }
            if (!worked) {
                try {
                    wakeUp.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** @return whether a job was worked on (then there may be more) */
    boolean runDue() {
        boolean worked = false;
        for (Shard shard : shards.all()) {
            Instant now = clock.instant();
            List<PurgeJob> due = jobs.due(shard, now, 10);
            for (PurgeJob job : due) {
                if (!running || !jobs.lease(shard, job.jobId(), now, now.plus(properties.lease()))) {
                    continue;
                }
                worked = true;
                try {
                    runner.run(shard, job);
                } catch (RuntimeException e) {
                    Instant retry = clock.instant().plus(properties.lease());
                    log.warn("purge {} {} stopped, continued after {}: {}", job.scope(), job.targetId(), retry, e.toString());
                    jobs.release(shard, job.jobId(), retry);
                }
            }
        }
        return worked;
    }
}
