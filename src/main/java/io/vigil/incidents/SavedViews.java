package io.vigil.incidents;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.vigil.shared.OrganizationId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's saved queue views: a name for a set of filters and an order. Each person
 * sees and deletes only their own; the stored query keeps only the queue's own
 * parameters, so a view cannot carry anything else into a link.
 */
@Service
public class SavedViews {

	/** The queue parameters a view may hold. */
	static final Set<String> PARAMETERS = Set.of("tenant", "rule", "severity", "status", "assignee", "q", "sort");

	static final int MAX_PER_PERSON = 30;

	public record SavedView(UUID id, String name, String query) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	SavedViews(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<SavedView> of(OrganizationId organization, UUID person) {
		return jdbc
			.sql("select id, name, query from saved_queue_view where organization_id = ? and user_id = ? "
					+ "order by name")
			.params(organization.value(), person)
			.query((rs, row) -> new SavedView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
			.list();
	}

	/**
	 * Saves (or replaces, by name) a view of the queue.
	 * @throws IllegalArgumentException for an empty or long name, or too many views
	 */
	@Transactional
	public SavedView save(OrganizationId organization, UUID person, String name, String query) {
		var clean = name.strip();
		if (clean.isEmpty() || clean.length() > 80) {
			throw new IllegalArgumentException("Name the view (at most 80 characters)");
		}
		if (of(organization, person).size() >= MAX_PER_PERSON
				&& of(organization, person).stream().noneMatch(view -> view.name().equals(clean))) {
			throw new IllegalArgumentException("At most " + MAX_PER_PERSON + " saved views: delete one first");
		}
		var kept = queueOnly(query);
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into saved_queue_view (id, organization_id, user_id, name, query, created_at)
				values (?, ?, ?, ?, ?, ?) on conflict (user_id, name) do update set query = excluded.query""")
			.params(id, organization.value(), person, clean, kept, Timestamp.from(clock.instant()))
			.update();
		return of(organization, person).stream().filter(view -> view.name().equals(clean)).findFirst().orElseThrow();
	}

	/** Deletes one of the person's own views; false when they have no such view. */
	@Transactional
	public boolean delete(OrganizationId organization, UUID person, UUID view) {
		return jdbc.sql("delete from saved_queue_view where organization_id = ? and user_id = ? and id = ?")
			.params(organization.value(), person, view)
			.update() == 1;
	}

	/** The query string with only the queue's parameters, re-encoded. */
	static String queueOnly(String query) {
		var kept = new ArrayList<String>();
		for (var pair : query.replaceFirst("^\\?", "").split("&")) {
			var equals = pair.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			try {
				var key = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
				var value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				if (PARAMETERS.contains(key) && !value.isBlank() && value.length() <= 200) {
					kept.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
							+ URLEncoder.encode(value, StandardCharsets.UTF_8));
				}
			}
			catch (IllegalArgumentException ex) {
				// a malformed pair is dropped, not stored
			}
		}
		return String.join("&", kept);
	}

}
