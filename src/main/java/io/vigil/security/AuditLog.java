package io.vigil.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vigil.shared.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only log of security-relevant events: sign-ins and failed ones, lockouts,
 * second factors, account and role changes, tenant connections, response actions. An
 * entry is written in its own transaction, so a failure of what it describes does not
 * erase it.
 */
@Service
public class AuditLog {

	private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(@Nullable OrganizationId organization, String actor, AuditAction action, @Nullable String target,
			String outcome, Map<String, ?> detail) {
		jdbc.sql("insert into audit_log (organization_id, at, actor, action, target, outcome, detail, source_ip) "
				+ "values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)")
			.params(organization == null ? null : organization.value(), Timestamp.from(clock.instant()), actor,
					action.code(), target, outcome, json.writeValueAsString(detail), sourceIp())
			.update();
	}

	/**
	 * Records what an event caused, once: delivered again (after a crash, a retry), the
	 * same event adds no second entry.
	 */
	public void recordOnce(UUID eventId, @Nullable OrganizationId organization, String actor, AuditAction action,
			@Nullable String target, String outcome, Map<String, ?> detail) {
		jdbc.sql("insert into audit_log (organization_id, at, actor, action, target, outcome, detail, source_ip, "
				+ "event_id) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict (event_id, action) "
				+ "where event_id is not null do nothing")
			.params(organization == null ? null : organization.value(), Timestamp.from(clock.instant()), actor,
					action.code(), target, outcome, json.writeValueAsString(detail), sourceIp(), eventId)
			.update();
	}

	/** The organization's entries, newest first. */
	@Transactional(readOnly = true)
	public List<AuditEntry> recent(OrganizationId organization, int limit) {
		return search(organization, AuditFilter.NONE, null, limit).entries();
	}

	/**
	 * A page of the entries the filter selects, newest first; {@code before} is the
	 * previous page's cursor.
	 */
	public record Page(List<AuditEntry> entries, @Nullable String next) {
	}

	/**
	 * The entries the filter selects, newest first, a page at a time (keyset paging on
	 * time and id: the hundredth page costs what the first does).
	 */
	@Transactional(readOnly = true)
	public Page search(OrganizationId organization, AuditFilter filter, @Nullable String before, int size) {
		var cursor = Cursor.parse(before);
		var rows = jdbc.sql("select * from audit_log where " + WHERE + " and (cast(:beforeAt as timestamptz) is null "
				+ "or (at, id) < (cast(:beforeAt as timestamptz), :beforeId)) order by at desc, id desc limit :size")
			.paramSource(parameters(organization, filter)
				.addValue("beforeAt", cursor == null ? null : Timestamp.from(cursor.at()))
				.addValue("beforeId", cursor == null ? 0L : cursor.id())
				.addValue("size", size + 1))
			.query((rs, row) -> new Row(rs.getLong("id"), entry(rs)))
			.list();
		var more = rows.size() > size;
		var page = more ? rows.subList(0, size) : rows;
		return new Page(page.stream().map(Row::entry).toList(),
				more ? new Cursor(page.getLast().entry().at(), page.getLast().id()).toString() : null);
	}

	/**
	 * The entries the filter selects as CSV (RFC 4180), oldest first; cells a spreadsheet
	 * would run are defused.
	 */
	@Transactional(readOnly = true)
	public void exportCsv(OrganizationId organization, AuditFilter filter, Writer out) {
		try {
			out.write("time,actor,action,target,outcome,source_ip,detail\r\n");
			try (var rows = jdbc.sql("select * from audit_log where " + WHERE + " order by at, id")
				.paramSource(parameters(organization, filter))
				.query((rs, row) -> String.join(",", cell(rs.getTimestamp("at").toInstant().toString()),
						cell(rs.getString("actor")), cell(rs.getString("action")), cell(rs.getString("target")),
						cell(rs.getString("outcome")), cell(rs.getString("source_ip")), cell(rs.getString("detail"))))
				.stream()) {
				for (var line : (Iterable<String>) rows::iterator) {
					out.write(line);
					out.write("\r\n");
				}
			}
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The organization's whole log as CSV. */
	@Transactional(readOnly = true)
	public void exportCsv(OrganizationId organization, Writer out) {
		exportCsv(organization, AuditFilter.NONE, out);
	}

	// a filter left empty selects everything of the organization; nothing widens past it
	private static final String WHERE = """
			organization_id = :org
			  and (cast(:actor as text) is null or lower(actor) = lower(:actor))
			  and (cast(:action as text) is null or action like :actionPrefix escape '\\')
			  and (cast(:tenant as text) is null or detail ->> 'tenant' = :tenant or target = :tenant)
			  and (cast(:from as timestamptz) is null or at >= :from)
			  and (cast(:to as timestamptz) is null or at < :to)""";

	private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource parameters(
			OrganizationId organization, AuditFilter filter) {
		return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
			.addValue("org", organization.value())
			.addValue("actor", filter.actor())
			.addValue("action", filter.action())
			.addValue("actionPrefix",
					filter.action() == null ? null
							: filter.action().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
			.addValue("tenant", filter.tenant())
			.addValue("from", filter.from() == null ? null : Timestamp.from(filter.from()))
			.addValue("to", filter.to() == null ? null : Timestamp.from(filter.to()));
	}

	private AuditEntry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new AuditEntry(rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("action"),
				rs.getString("target"), rs.getString("outcome"), json.readValue(rs.getString("detail"), DETAIL),
				rs.getString("source_ip"));
	}

	private record Row(long id, AuditEntry entry) {
	}

	/** Where a page ends: the last entry's time and id, as text for a link. */
	private record Cursor(java.time.Instant at, long id) {

		static @Nullable Cursor parse(@Nullable String text) {
			if (text == null || !text.matches("[0-9TZ:.\\-]{10,40}_[0-9]{1,19}")) {
				return null;
			}
			try {
				var parts = text.split("_");
				return new Cursor(java.time.Instant.parse(parts[0]), Long.parseLong(parts[1]));
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

		@Override
		public String toString() {
			return at + "_" + id;
		}

	}

	static String cell(@Nullable String value) {
		if (value == null) {
			return "";
		}
		// a leading = + - @ would be a formula in a spreadsheet (CSV injection)
		var safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

	private static @Nullable String sourceIp() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

}
