package io.vigil.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps what ingest stores within each organization's retention: creates the sign-in
 * partitions of the days ahead, drops a day's partition once every organization's
 * retention has passed it, deletes the older sign-ins of organizations that keep less,
 * and prunes directory audits, risk detections, correlation matches and the quarantine.
 * Before any sign-in goes, those an incident cites are copied to {@code sign_in_kept},
 * where they stay while an incident cites them. Each step is a transaction of its own
 * under an advisory lock, so replicas never run one twice at once, and a step that fails
 * leaves nothing half done.
 */
@Component
class DataRetention {

	private static final Logger log = LoggerFactory.getLogger(DataRetention.class);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

	private static final long LOCK = 0x5649_4749_4c52_4554L;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ManagedTenants tenants;

	private final SignInRetention retention;

	private final RetentionSettings settings;

	private final Clock clock;

	/**
	 * Up to where each organization's sign-ins were last pruned by this replica: later
	 * runs delete from there on, so each reads a day's partition or two instead of every
	 * older one. After a restart the first run reads them all once.
	 */
	private final java.util.Map<OrganizationId, Instant> prunedBefore = new java.util.concurrent.ConcurrentHashMap<>();

	DataRetention(JdbcClient jdbc, TransactionTemplate transactions, ManagedTenants tenants, SignInRetention retention,
			RetentionSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.tenants = tenants;
		this.retention = retention;
		this.settings = settings;
		this.clock = clock;
	}

	// soon after start: the days ahead must exist before the first sign-ins arrive
	@Scheduled(initialDelayString = "${app.retention.initial-delay:PT5S}",
			fixedDelayString = "${app.retention.interval:PT10M}")
	void scheduled() {
		try {
			run();
		}
		catch (RuntimeException ex) {
			log.error("Data retention failed; it runs again in {}", settings.interval(), ex);
		}
	}

	/** One pass over everything retention covers, as of the clock's now. */
	void run() {
		var now = clock.instant();
		createDaysAhead(now);
		var days = organizationDays();
		var longest = days.stream().mapToInt(OrganizationDays::days).max().orElse(settings.signInDays());
		dropDaysBefore(now.minus(Duration.ofDays(longest)));
		for (var organization : days) {
			locked(() -> pruneOrganization(organization.organization(),
					now.minus(Duration.ofDays(organization.days()))));
		}
		locked(() -> pruneShared(now));
	}

	private void createDaysAhead(Instant now) {
		var today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		locked(() -> {
			jdbc.sql("set local lock_timeout = '5s'").update();
			for (var day = today.minusDays(1); !day.isAfter(today.plusDays(settings.daysAhead())); day = day
				.plusDays(1)) {
				jdbc.sql("select vigil_sign_in_day(?)").param(day).query(Boolean.class).single();
			}
		});
	}

	/**
	 * Drops the partitions of days that end before {@code cutoff}, one transaction each,
	 * keeping the sign-ins incidents cite.
	 */
	private void dropDaysBefore(Instant cutoff) {
		for (var partition : partitions()) {
			var day = LocalDate.parse(partition.substring("sign_in_".length()), DAY);
			if (!day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(cutoff)) {
				locked(() -> {
					if (jdbc.sql("select to_regclass(?) is not null").param(partition).query(Boolean.class).single()) {
						// dropping a partition locks sign_in briefly: rather than queue
						// inserts behind a long read, give up and try at the next run
						jdbc.sql("set local lock_timeout = '5s'").update();
						var kept = jdbc.sql("insert into sign_in_kept select * from " + partition + """
								 p where exists (select 1 from incident_sign_in e where e.sign_in_id = p.id)
								on conflict do nothing""").update();
						jdbc.sql("drop table " + partition).update();
						log.info("Dropped sign-in partition {} past retention ({} cited sign-ins kept)", partition,
								kept);
					}
				});
			}
		}
	}

	/**
	 * What is older than the organization's retention: sign-ins left in partitions that
	 * other organizations still keep (or in the default partition), audits and risk
	 * detections no incident cites, correlation matches.
	 */
	private void pruneOrganization(OrganizationId organization, Instant cutoff) {
		var at = Timestamp.from(cutoff);
		var from = Timestamp
			.from(prunedBefore.getOrDefault(organization, Instant.EPOCH.plusSeconds(86_400)).minus(Duration.ofDays(1)));
		var id = organization.value();
		jdbc.sql("""
				insert into sign_in_kept select * from sign_in s
				where s.organization_id = ? and s.created_at >= ? and s.created_at < ?
				  and exists (select 1 from incident_sign_in e where e.sign_in_id = s.id)
				on conflict do nothing""").params(id, from, at).update();
		jdbc.sql("delete from sign_in where organization_id = ? and created_at >= ? and created_at < ?")
			.params(id, from, at)
			.update();
		// a sign-in dated before any day kept lands in the default partition whenever it
		// comes: that one is small, and read whole
		jdbc.sql("""
				insert into sign_in_kept select * from sign_in_default s
				where s.organization_id = ? and s.created_at < ?
				  and exists (select 1 from incident_sign_in e where e.sign_in_id = s.id)
				on conflict do nothing""").params(id, at).update();
		jdbc.sql("delete from sign_in_default where organization_id = ? and created_at < ?").params(id, at).update();
		jdbc.sql("""
				delete from activity_record a where a.organization_id = ? and a.occurred_at < ?
				  and not exists (select 1 from incident_activity e where e.activity_record_id = a.id)""")
			.params(id, at)
			.update();
		jdbc.sql("delete from correlation_match where organization_id = ? and at < ?").params(id, at).update();
		// a dictionary replaced by one trained (a day's margin) before the cutoff
		// compressed only sign-ins older than the cutoff, deleted above: it goes, unless
		// a kept or stray sign-in still needs it to be read
		jdbc.sql("""
				delete from sign_in_dictionary d where d.organization_id = ?
				  and exists (select 1 from sign_in_dictionary n where n.organization_id = d.organization_id
				              and n.trained_at > d.trained_at and n.trained_at < ?::timestamptz - interval '1 day')
				  and not exists (select 1 from sign_in_kept k where k.record_dictionary = d.id)
				  and not exists (select 1 from sign_in_default s where s.record_dictionary = d.id)""")
			.params(id, at)
			.update();
		// recorded when the transaction commits: a rolled-back prune is repeated whole
		org.springframework.transaction.support.TransactionSynchronizationManager
			.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
				@Override
				public void afterCommit() {
					prunedBefore.put(organization, cutoff);
				}
			});
	}

	private void pruneShared(Instant now) {
		jdbc.sql("delete from sign_in_quarantine where received_at < ?")
			.param(Timestamp.from(now.minus(Duration.ofDays(settings.quarantineDays()))))
			.update();
		// kept for an incident that is gone
		jdbc.sql("""
				delete from sign_in_kept k
				where not exists (select 1 from incident_sign_in e where e.sign_in_id = k.id)""").update();
	}

	private List<OrganizationDays> organizationDays() {
		var days = new ArrayList<OrganizationDays>();
		for (var organization : tenants.organizations()) {
			days.add(new OrganizationDays(organization, retention.of(organization).days()));
		}
		return days;
	}

	/** The day partitions of sign_in, oldest first (not the default one). */
	List<String> partitions() {
		return jdbc.sql("""
				select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
				where i.inhparent = 'sign_in'::regclass and c.relname ~ '^sign_in_[0-9]{8}$' order by c.relname""")
			.query(String.class)
			.list();
	}

	private void locked(Runnable step) {
		transactions.executeWithoutResult(status -> {
			if (jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single()) {
				step.run();
			}
		});
	}

	private record OrganizationDays(OrganizationId organization, int days) {
	}

}
