package io.vigil.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import com.github.luben.zstd.ZstdDictTrainer;
import com.github.luben.zstd.ZstdException;
import io.vigil.shared.OrganizationId;
import io.vigil.tenants.ManagedTenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Trains an organization's zstd dictionary from a sample of its own recent sign-ins, once
 * it has enough of them, and again every month so the dictionary follows what its tenants
 * send (new apps, policies, clients). A dictionary of 64 KB brings a 7 KB record to a few
 * hundred bytes; without one, zstd alone gets about 1.5 KB.
 */
@Component
class SignInDictionaryTraining {

	private static final Logger log = LoggerFactory.getLogger(SignInDictionaryTraining.class);

	static final int MINIMUM_SAMPLES = 1_000;

	private static final int SAMPLES = 2_000;

	private static final int DICTIONARY_BYTES = 64 * 1024;

	private static final Duration RETRAIN_AFTER = Duration.ofDays(30);

	private static final long LOCK = 0x5649_4749_4c44_4943L;

	private final JdbcClient jdbc;

	private final SignInDictionaries dictionaries;

	private final SignInRecordCodec codec;

	private final ManagedTenants tenants;

	private final TransactionTemplate transactions;

	private final Clock clock;

	SignInDictionaryTraining(JdbcClient jdbc, SignInDictionaries dictionaries, SignInRecordCodec codec,
			ManagedTenants tenants, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.dictionaries = dictionaries;
		this.codec = codec;
		this.tenants = tenants;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Every minute, so that a new organization's records shrink soon after its first
	 * thousand sign-ins; one replica at a time (two would train two dictionaries).
	 */
	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "${app.retention.dictionary-training-interval:PT1M}")
	void scheduled() {
		try {
			trainWhereDue();
		}
		catch (RuntimeException ex) {
			log.error("Training sign-in dictionaries failed; trying again later", ex);
		}
	}

	void trainWhereDue() {
		var now = clock.instant();
		for (var organization : tenants.organizations()) {
			transactions.executeWithoutResult(status -> {
				if (jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single()) {
					trainIfDue(organization, now);
				}
			});
		}
	}

	/**
	 * Trains a dictionary for the organization when it has none or an old one, and enough
	 * recent sign-ins to learn from.
	 * @return whether it trained one
	 */
	boolean trainIfDue(OrganizationId organization, Instant now) {
		var newest = jdbc.sql("select max(trained_at) from sign_in_dictionary where organization_id = ?")
			.param(organization.value())
			.query(Timestamp.class)
			.optional();
		if (newest.isPresent() && newest.get().toInstant().isAfter(now.minus(RETRAIN_AFTER))) {
			return false;
		}
		// any of the last days' records will do: no ordering, which would sort all of
		// them
		var samples = new ArrayList<byte[]>(SAMPLES);
		jdbc.sql("""
				select record, record_dictionary from sign_in
				where organization_id = ? and created_at > ? limit ?""")
			.params(organization.value(), Timestamp.from(now.minus(Duration.ofDays(3))), SAMPLES)
			.query((rs,
					row) -> samples.add(codec.decode(rs.getBytes(1), (Integer) rs.getObject(2))
						.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.list();
		if (samples.size() < MINIMUM_SAMPLES) {
			return false;
		}
		try {
			var trainer = new ZstdDictTrainer(samples.stream().mapToInt(sample -> sample.length).sum(),
					DICTIONARY_BYTES);
			samples.forEach(trainer::addSample);
			dictionaries.store(organization, trainer.trainSamples(), samples.size(), now);
			log.info("Trained a sign-in dictionary for organization {} from {} records", organization, samples.size());
			return true;
		}
		catch (ZstdException ex) {
			log.warn("Could not train a sign-in dictionary for organization {}: {}", organization, ex.getMessage());
			return false;
		}
	}

}
