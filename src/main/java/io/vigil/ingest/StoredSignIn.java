package io.vigil.ingest;

import java.time.Instant;
import java.util.Map;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.RecordTree;
import org.jspecify.annotations.Nullable;

/**
 * A stored sign-in: its row id, Graph's id and time, and the full Graph record as JSON
 * text, as Graph sent it (rows stored before 2026-12 hold it without nulls and empty
 * values).
 *
 * @param fields the record as the tree rules evaluate ({@link RecordTree}) when this
 * replica read it from Graph moments ago and still holds it; null otherwise (parse
 * {@code record} with {@link RecordTree#parse})
 */
public record StoredSignIn(long id, OrganizationId organizationId, ManagedTenantId managedTenantId, String graphId,
		Instant createdAt, String record, @Nullable Map<String, Object> fields) {

	public StoredSignIn(long id, OrganizationId organizationId, ManagedTenantId managedTenantId, String graphId,
			Instant createdAt, String record) {
		this(id, organizationId, managedTenantId, graphId, createdAt, record, null);
	}

}
