package io.vigil.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How sign-in polling runs.
 *
 * @param schedulingEnabled whether this replica polls at all
 * @param tick how often the scheduler looks for tenants that are due
 * @param pollInterval the pause between two complete polls of a tenant
 * @param overlap how far each window reaches back before the watermark, for events that
 * arrive a little late
 * @param horizon how far the deep re-scan reaches back, for events that arrive very late
 * (MFA aggregation: 2 h)
 * @param deepScanInterval how often a tenant's window reaches back to the horizon
 * @param initialLookback how much history a newly connected tenant's first poll fetches
 * @param pageSize Graph's $top
 * @param lease how long a replica holds a tenant without renewing it (renewed after every
 * page and by a heartbeat every third of it): how soon the other replicas take over a
 * dead replica's tenants
 * @param maxConcurrentTenants how many tenants this replica polls at once: a poll mostly
 * waits on Graph, so one replica must keep many going to poll a thousand tenants a minute
 * (ScaleBenchmark: with 8, one replica left alone fell behind)
 * @param failingAfter consecutive failures before a tenant is marked failing
 * @param backoffBase first retry delay after a failure, doubled per further failure
 * @param backoffMax the longest retry delay after failures
 * @param licenceRetry when a tenant without a P1 licence is tried again
 * @param consentRetry when a tenant that refused the app is tried again
 * @param activityPollInterval the pause between two polls of a tenant's directory audits
 * and risk detections: what an attacker does after a sign-in takes minutes, and Identity
 * Protection's offline detections take longer, so they cost the tenant's Graph budget
 * less often than sign-ins
 * @param quietPollInterval the pause after a poll that found no new sign-in: quiet
 * tenants leave more of the app's Graph budget (shared by all tenants) to busy ones
 * @param backlogAfter a source of a tenant (sign-ins of one type, audits, risk
 * detections) read up to longer ago than this (or never) is catching up on a backlog: a
 * poll reads the tenant's current sources first, and the backlog's Graph requests leave
 * part of the app's budget to the current sources of all tenants
 * ({@code app.graph.budget.backlog-share})
 * @param parsedSignInBytes how much heap the parsed records of pages waiting for
 * detection may take (reckoned at three times their JSON): within it, detection evaluates
 * the tree the reader built; beyond it, it parses the record again
 */
@Validated
@ConfigurationProperties("app.ingest")
record IngestSettings(@DefaultValue("true") boolean schedulingEnabled, @DefaultValue("PT1S") Duration tick,
		@DefaultValue("PT60S") Duration pollInterval, @DefaultValue("PT15M") Duration overlap,
		@DefaultValue("PT2H") Duration horizon, @DefaultValue("PT15M") Duration deepScanInterval,
		@DefaultValue("P1D") Duration initialLookback, @DefaultValue("1000") @Min(1) @Max(1000) int pageSize,
		@DefaultValue("PT15S") Duration lease, @DefaultValue("32") @Positive int maxConcurrentTenants,
		@DefaultValue("5") @Positive int failingAfter, @DefaultValue("PT10S") Duration backoffBase,
		@DefaultValue("PT15M") Duration backoffMax, @DefaultValue("PT6H") Duration licenceRetry,
		@DefaultValue("PT1H") Duration consentRetry, @DefaultValue("PT5M") Duration activityPollInterval,
		@DefaultValue("PT70S") Duration quietPollInterval, @DefaultValue("128MB") DataSize parsedSignInBytes,
		@DefaultValue("PT5M") Duration backlogAfter) {

	Duration backoff(int failures) {
		var delay = backoffBase.multipliedBy(1L << Math.min(20, Math.max(0, failures - 1)));
		return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
	}

}
