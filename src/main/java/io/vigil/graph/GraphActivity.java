package io.vigil.graph;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A directory audit or risk detection as Graph reported it: the fields Vigil queries by,
 * plus the whole record as normalized JSON (nulls, empty arrays and empty objects
 * dropped).
 *
 * @param occurredAt an audit's activityDateTime, a risk detection's detectedDateTime
 * @param activity an audit's activityDisplayName, a risk detection's riskEventType
 * @param result an audit's result, a risk detection's riskLevel
 * @param ipAddress a valid address literal, or null
 * @param accountIds the user accounts the record is about: the acting user and every
 * targeted user of an audit, the user of a risk detection
 */
public record GraphActivity(ActivitySource source, String graphId, Instant occurredAt, String activity,
		@Nullable String category, @Nullable String result, @Nullable String actorUserId, @Nullable String actorUpn,
		@Nullable String actorApp, @Nullable String ipAddress, List<String> accountIds, String record) {

	public GraphActivity {
		accountIds = List.copyOf(accountIds);
	}

}
