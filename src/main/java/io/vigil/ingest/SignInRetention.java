package io.vigil.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import io.vigil.shared.OrganizationId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How long each organization keeps its sign-ins (and with them its directory audits and
 * risk detections): the operator's default until an organization admin chooses otherwise,
 * within the operator's bounds. Sign-ins an incident cites are kept as long as the
 * incident, whatever the retention.
 */
@Service
public class SignInRetention {

	private final JdbcClient jdbc;

	private final RetentionSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SignInRetention(JdbcClient jdbc, RetentionSettings settings, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Retention of(OrganizationId organization) {
		var chosen = jdbc.sql("select sign_in_days from ingest_retention where organization_id = ?")
			.param(organization.value())
			.query(Integer.class)
			.optional();
		return new Retention(chosen.orElse(settings.signInDays()), chosen.isPresent(), settings.signInDays(),
				settings.signInMinimumDays(), settings.signInMaximumDays(), settings.quarantineDays());
	}

	/**
	 * Sets the organization's retention; the change is audited.
	 * @throws OutsideBounds when {@code days} is outside the operator's bounds
	 */
	@Transactional
	public void change(OrganizationId organization, int days, String actor) {
		if (days < settings.signInMinimumDays() || days > settings.signInMaximumDays()) {
			throw new OutsideBounds("Choose between " + settings.signInMinimumDays() + " and "
					+ settings.signInMaximumDays() + " days.");
		}
		var before = of(organization).days();
		jdbc.sql("""
				insert into ingest_retention (organization_id, sign_in_days, changed_at, changed_by) values (?, ?, ?, ?)
				on conflict (organization_id) do update set sign_in_days = excluded.sign_in_days,
				    changed_at = excluded.changed_at, changed_by = excluded.changed_by""")
			.params(organization.value(), days, Timestamp.from(clock.instant()), actor)
			.update();
		if (before != days) {
			events.publishEvent(new SignInRetentionChanged(UUID.randomUUID(), organization, actor, before, days));
		}
	}

	/**
	 * @param days how long the organization keeps sign-ins, audits and risk detections
	 * @param chosen whether an admin chose it (else it is the operator's default)
	 * @param quarantineDays how long unreadable records are kept (the operator's choice)
	 */
	public record Retention(int days, boolean chosen, int defaultDays, int minimumDays, int maximumDays,
			int quarantineDays) {
	}

	/** A retention the operator does not allow. */
	public static final class OutsideBounds extends IllegalArgumentException {

		OutsideBounds(String message) {
			super(message);
		}

	}

}
