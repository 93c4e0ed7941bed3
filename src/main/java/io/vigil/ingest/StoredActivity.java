package io.vigil.ingest;

import java.time.Instant;
import java.util.List;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * A stored directory audit or risk detection: its row id, Graph's id, what and when, who,
 * and the full normalized Graph record as JSON text.
 *
 * @param source {@code directoryAudit} or {@code riskDetection}
 * @param activity an audit's activityDisplayName, a risk detection's riskEventType
 * @param result an audit's result, a risk detection's riskLevel
 */
public record StoredActivity(long id, OrganizationId organizationId, ManagedTenantId managedTenantId, String source,
		String graphId, Instant occurredAt, String activity, @Nullable String category, @Nullable String result,
		@Nullable String actorUserId, @Nullable String actorUpn, @Nullable String actorApp, @Nullable String ipAddress,
		List<String> accountIds, String record) {

	public static final String DIRECTORY_AUDIT = "directoryAudit";

	public static final String RISK_DETECTION = "riskDetection";

	public StoredActivity {
		accountIds = List.copyOf(accountIds);
	}

	public boolean riskDetection() {
		return RISK_DETECTION.equals(source);
	}

}
