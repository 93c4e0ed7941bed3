package io.vigil.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.RecordTree;
import org.jspecify.annotations.Nullable;

/**
 * A stored sign-in: its row id, Graph's id and time, and the full Graph record as JSON
 * text, as Graph sent it (rows stored before 2026-12 hold it without nulls and empty
 * values). The text is decompressed when first asked for: detection of a page this
 * replica just ingested evaluates the tree the reader built and never needs it.
 */
public final class StoredSignIn {

	private final long id;

	private final OrganizationId organizationId;

	private final ManagedTenantId managedTenantId;

	private final String graphId;

	private final Instant createdAt;

	private final Supplier<String> decode;

	private final @Nullable Map<String, Object> fields;

	private volatile @Nullable String record;

	public StoredSignIn(long id, OrganizationId organizationId, ManagedTenantId managedTenantId, String graphId,
			Instant createdAt, String record) {
		this(id, organizationId, managedTenantId, graphId, createdAt, () -> record, null);
		this.record = record;
	}

	StoredSignIn(long id, OrganizationId organizationId, ManagedTenantId managedTenantId, String graphId,
			Instant createdAt, Supplier<String> decode, @Nullable Map<String, Object> fields) {
		this.id = id;
		this.organizationId = organizationId;
		this.managedTenantId = managedTenantId;
		this.graphId = graphId;
		this.createdAt = createdAt;
		this.decode = decode;
		this.fields = fields;
	}

	/** The same sign-in with the tree the reader built for it. */
	StoredSignIn withFields(Map<String, Object> tree) {
		return new StoredSignIn(id, organizationId, managedTenantId, graphId, createdAt, this::record, tree);
	}

	public long id() {
		return id;
	}

	public OrganizationId organizationId() {
		return organizationId;
	}

	public ManagedTenantId managedTenantId() {
		return managedTenantId;
	}

	public String graphId() {
		return graphId;
	}

	public Instant createdAt() {
		return createdAt;
	}

	/**
	 * The record as JSON text, decompressed on first use (a race decodes it twice,
	 * harmlessly).
	 */
	public String record() {
		var text = record;
		if (text == null) {
			text = decode.get();
			record = text;
		}
		return text;
	}

	/**
	 * The record as the tree rules evaluate ({@link RecordTree}) when this replica read
	 * it from Graph moments ago and still holds it; null otherwise (parse
	 * {@link #record()} with {@link RecordTree#parse}).
	 */
	public @Nullable Map<String, Object> fields() {
		return fields;
	}

	@Override
	public String toString() {
		return "StoredSignIn[id=" + id + ", graphId=" + graphId + ", createdAt=" + createdAt + "]";
	}

}
