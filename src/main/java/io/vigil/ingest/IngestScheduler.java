package io.vigil.ingest;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each tick, leases the tenants that are due (up to the free capacity) and polls them on
 * virtual threads. Leases live in the database, so any number of replicas share the
 * tenants without polling one twice.
 */
@Component
class IngestScheduler {

	private static final Logger log = LoggerFactory.getLogger(IngestScheduler.class);

	private final IngestStateRepository state;

	private final TenantPoller poller;

	private final IngestSettings settings;

	private final Clock clock;

	private final String owner = "replica-" + UUID.randomUUID();

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final Semaphore capacity;

	private volatile boolean stopped;

	/** The tenants this replica is polling now, whose leases the heartbeat renews. */
	private final java.util.Set<io.vigil.shared.ManagedTenantId> polling = java.util.concurrent.ConcurrentHashMap
		.newKeySet();

	IngestScheduler(IngestStateRepository state, TenantPoller poller, IngestSettings settings, Clock clock) {
		this.state = state;
		this.poller = poller;
		this.settings = settings;
		this.clock = clock;
		this.capacity = new Semaphore(settings.maxConcurrentTenants());
	}

	@Scheduled(fixedDelayString = "${app.ingest.tick:PT1S}")
	void tick() {
		if (!settings.schedulingEnabled() || stopped) {
			return;
		}
		var free = capacity.availablePermits();
		if (free == 0) {
			return;
		}
		var now = clock.instant();
		for (var work : state.claimDue(owner, free, now, now.plus(settings.lease()),
				now.minus(settings.backlogAfter()))) {
			capacity.acquireUninterruptibly();
			polling.add(work.managedTenantId());
			executor.execute(() -> {
				try {
					poller.poll(work, owner);
				}
				catch (RuntimeException ex) {
					log.error("Polling tenant {} failed unexpectedly", work.managedTenantId(), ex);
				}
				finally {
					polling.remove(work.managedTenantId());
					capacity.release();
				}
			});
		}
	}

	/**
	 * Renews the leases of the tenants being polled, so that a slow Graph request does
	 * not lose one, while a replica that dies loses them all within one lease.
	 */
	@Scheduled(fixedDelayString = "#{@'app.ingest-io.vigil.ingest.IngestSettings'.lease().toMillis() / 3}")
	void heartbeat() {
		if (!polling.isEmpty() && !stopped) {
			state.renewLeases(List.copyOf(polling), owner, clock.instant().plus(settings.lease()));
		}
	}

	/**
	 * Stops polling and hands this replica's tenants back, so another replica (or a
	 * restart) resumes at once.
	 */
	@PreDestroy
	void stop() throws InterruptedException {
		stopped = true;
		executor.shutdownNow();
		executor.awaitTermination(10, TimeUnit.SECONDS);
		state.releaseAll(owner);
	}

}
