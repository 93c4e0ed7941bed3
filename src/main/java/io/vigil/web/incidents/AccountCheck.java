package io.vigil.web.incidents;

import java.time.Instant;
import java.util.List;

import io.vigil.incidents.TimelineEntry;
import org.jspecify.annotations.Nullable;

/**
 * What the last look at the account in Graph found (kept on the incident's timeline as
 * {@code account-checked}): whether it holds administrator roles and whether it can sign
 * in.
 */
record AccountCheck(Instant at, String by, List<String> directoryRoles, boolean accountEnabled) {

	public boolean privileged() {
		return !directoryRoles.isEmpty();
	}

	/** The newest check on the timeline; null when nobody has looked yet. */
	static @Nullable AccountCheck latest(List<TimelineEntry> timeline) {
		AccountCheck latest = null;
		for (var entry : timeline) {
			if (entry.kind().equals("account-checked") && (latest == null || !entry.at().isBefore(latest.at()))) {
				var roles = entry.detail().get("directoryRoles") instanceof List<?> list
						? list.stream().map(String::valueOf).toList() : List.<String>of();
				latest = new AccountCheck(entry.at(), entry.actor(), roles,
						!Boolean.FALSE.equals(entry.detail().get("accountEnabled")));
			}
		}
		return latest;
	}

}
