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
 * The append-only log of security-relevant events: sign-ins and failed ones, lockouts, second factors, account and
 * role changes, tenant connections, response actions. An entry is written in its own transaction, so a failure of
 * what it describes does not erase it.
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
	public void record(@Nullable OrganizationId organization, String actor, String action, @Nullable String target,
			String outcome, Map<String, ?> detail) {
		jdbc.sql("insert into audit_log (organization_id, at, actor, action, target, outcome, detail, source_ip) "
				+ "values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)")
			.params(organization == null ? null : organization.value(), Timestamp.from(clock.instant()), actor, action,
					target, outcome, json.writeValueAsString(detail), sourceIp())
			.update();
	}

	/**
	 * Records what an event caused, once: delivered again (after a crash, a retry), the same event adds no second
	 * entry.
	 */
	public void recordOnce(UUID eventId, @Nullable OrganizationId organization, String actor, String action,
			@Nullable String target, String outcome, Map<String, ?> detail) {
		jdbc.sql("insert into audit_log (organization_id, at, actor, action, target, outcome, detail, source_ip, "
				+ "event_id) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict (event_id, action) "
				+ "where event_id is not null do nothing")
			.params(organization == null ? null : organization.value(), Timestamp.from(clock.instant()), actor, action,
					target, outcome, json.writeValueAsString(detail), sourceIp(), eventId)
			.update();
	}

	/** The organization's entries, newest first. */
	@Transactional(readOnly = true)
	public List<AuditEntry> recent(OrganizationId organization, int limit) {
		return jdbc.sql("select * from audit_log where organization_id = ? order by at desc, id desc limit ?")
			.params(organization.value(), limit)
			.query((rs, row) -> new AuditEntry(rs.getTimestamp("at").toInstant(), rs.getString("actor"),
					rs.getString("action"), rs.getString("target"), rs.getString("outcome"),
					json.readValue(rs.getString("detail"), DETAIL), rs.getString("source_ip")))
			.list();
	}

	/** The organization's whole log as CSV (RFC 4180), oldest first; cells that a spreadsheet would run are defused. */
	@Transactional(readOnly = true)
	public void exportCsv(OrganizationId organization, Writer out) {
		try {
			out.write("time,actor,action,target,outcome,source_ip,detail\r\n");
			try (var rows = jdbc.sql("select * from audit_log where organization_id = ? order by at, id")
				.param(organization.value())
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
