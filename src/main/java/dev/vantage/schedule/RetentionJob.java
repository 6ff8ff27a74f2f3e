package dev.vantage.schedule;

import dev.vantage.store.ResultRepository;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/** Deletes results older than {@code storage.retention}; plain JDBC, so it runs on the Quartz thread itself. */
@DisallowConcurrentExecution
public final class RetentionJob implements Job {

    static final String RESULTS = "vantage.results";
    static final String RETENTION = "vantage.retention";
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    @Override
    public void execute(JobExecutionContext ctx) throws JobExecutionException {
        try {
            var sc = ctx.getScheduler().getContext();
            Duration retention = (Duration) sc.get(RETENTION);
            int deleted = ((ResultRepository) sc.get(RESULTS)).deleteOlderThan(Instant.now().minus(retention));
            LOG.info("retention: deleted {} results older than {}", deleted, retention);
        } catch (SchedulerException | RuntimeException e) {
            throw new JobExecutionException(e);
        }
    }
}
