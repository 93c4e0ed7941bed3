package io.vigil.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long what Vigil pulls from Graph is kept. Organization admins choose their own
 * retention of sign-ins (with their directory audits and risk detections) within the
 * operator's bounds.
 *
 * @param signInDays the retention of an organization that chose none
 * @param signInMinimumDays the shortest an organization may choose: Entra keeps sign-ins
 * 30 days (P1/P2), so a shorter retention would drop sign-ins Graph may still deliver
 * again, and investigations need the month before an incident
 * @param signInMaximumDays the longest an organization may choose (disk grows with it:
 * about 1 KB per sign-in)
 * @param quarantineDays how long records Graph sent that Vigil could not read are kept
 * for an operator to look at
 * @param daysAhead how many days of sign-in partitions exist ahead of today
 * @param interval how often the retention job runs (one replica at a time)
 */
@Validated
@ConfigurationProperties("app.retention")
record RetentionSettings(@DefaultValue("90") @Min(1) int signInDays, @DefaultValue("30") @Min(1) int signInMinimumDays,
		@DefaultValue("365") @Max(3650) int signInMaximumDays, @DefaultValue("90") @Min(1) int quarantineDays,
		@DefaultValue("7") @Min(2) @Max(60) int daysAhead, @DefaultValue("PT1H") Duration interval) {

	RetentionSettings {
		if (signInMinimumDays > signInDays || signInDays > signInMaximumDays) {
			throw new IllegalArgumentException(
					"app.retention: sign-in-minimum-days (" + signInMinimumDays + ") <= sign-in-days (" + signInDays
							+ ") <= sign-in-maximum-days (" + signInMaximumDays + ") must hold");
		}
	}

}
