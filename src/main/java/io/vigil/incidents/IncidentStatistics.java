package io.vigil.incidents;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the dashboard shows of the incidents a person may see.
 *
 * @param openBySeverity open incidents per severity (Sigma level, lower case), most
 * severe first
 * @param openByTenant open incidents per tenant id, most first
 * @param opened per UTC day of the period, oldest first: incidents opened, and of those
 * high or critical
 * @param meanTimeToAcknowledge from opening to a person's first touch (assignment,
 * status, checklist, comment, action), over the period's incidents that were touched;
 * null when none was
 * @param meanTimeToContain from opening to the first successful containment action; null
 * when none was contained
 * @param topRules the rules that opened most incidents in the period, with their counts
 */
public record IncidentStatistics(Map<String, Long> openBySeverity, Map<java.util.UUID, Long> openByTenant,
		List<Day> opened, @Nullable Duration meanTimeToAcknowledge, @Nullable Duration meanTimeToContain,
		List<RuleCount> topRules) {

	public record Day(LocalDate day, long opened, long highOrCritical) {
	}

	public record RuleCount(String ruleId, String title, long incidents) {
	}

	public long open() {
		return openBySeverity.values().stream().mapToLong(Long::longValue).sum();
	}

}
