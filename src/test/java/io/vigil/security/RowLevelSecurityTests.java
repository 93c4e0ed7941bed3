package io.vigil.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.vigil.TestRows;
import io.vigil.VigilIntegrationTest;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The second wall: queries without any organization or tenant filter, run on behalf of a
 * signed-in person, still return nothing of another organization (or, for a customer
 * admin, of another tenant), and cannot write there.
 */
@VigilIntegrationTest
class RowLevelSecurityTests {

	/**
	 * Every table holding an organization's data, and whether it also belongs to a
	 * tenant.
	 */
	static final List<String> ORGANIZATION_TABLES = List.of("organization", "graph_app_registration", "managed_tenant",
			"user_account", "audit_log", "sign_in", "incident", "incident_sign_in", "incident_timeline",
			"ingest_tenant_state", "detection_placeholder", "detection_rule_setting", "detection_uploaded_rule");

	@Autowired
	ManagedTenants tenants;

	@Autowired
	Accounts accounts;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	OrganizationId a;

	OrganizationId b;

	ManagedTenantId a1;

	ManagedTenantId a2;

	@BeforeEach
	void twoOrganizations() {
		a = tenants.createOrganization("Org A " + UUID.randomUUID()).id();
		b = tenants.createOrganization("Org B " + UUID.randomUUID()).id();
		a1 = populate(a, "a1");
		a2 = populate(a, "a2");
		populate(b, "b1");
		// connecting a tenant and registering an app are audited by a listener after the
		// commit: counted before they land, the counts would race them (seen on a loaded
		// machine)
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(audits(a, AuditAction.TENANT_CONNECTED)).isEqualTo(2);
			assertThat(audits(a, AuditAction.GRAPH_APP_REGISTERED)).isEqualTo(1);
			assertThat(audits(b, AuditAction.TENANT_CONNECTED)).isEqualTo(1);
			assertThat(audits(b, AuditAction.GRAPH_APP_REGISTERED)).isEqualTo(1);
		});
	}

	private long audits(OrganizationId organization, AuditAction action) {
		return jdbc.sql("select count(*) from audit_log where organization_id = ? and action = ?")
			.params(organization.value(), action.code())
			.query(Long.class)
			.single();
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void withoutFiltersAStaffMemberSeesOnlyTheirOrganization() {
		var own = new java.util.LinkedHashMap<String, Long>();
		for (var table : ORGANIZATION_TABLES) {
			own.put(table,
					table.equals("organization") ? 1 : countWhere(table, "organization_id = '" + a.value() + "'"));
		}
		var everything = ORGANIZATION_TABLES.stream().mapToLong(this::ofBoth).sum();

		signInAs(a, Role.RESPONDER, null);
		for (var table : ORGANIZATION_TABLES) {
			assertThat(count(table)).as(table).isEqualTo(own.get(table)).isPositive();
		}
		SecurityContextHolder.clearContext();
		assertThat(ORGANIZATION_TABLES.stream().mapToLong(this::ofBoth).sum()).as("Vigil itself sees everything")
			.isEqualTo(everything)
			.isGreaterThan(own.values().stream().mapToLong(Long::longValue).sum());
	}

	@Test
	void aCustomerAdminSeesOnlyTheirTenant() {
		signInAs(a, Role.TENANT_ADMIN, Set.of(a1));
		assertThat(jdbc.sql("select distinct managed_tenant_id from sign_in").query(UUID.class).list())
			.containsExactly(a1.value());
		assertThat(jdbc.sql("select distinct managed_tenant_id from incident").query(UUID.class).list())
			.containsExactly(a1.value());
		assertThat(jdbc.sql("select id from managed_tenant").query(UUID.class).list()).containsExactly(a1.value());
		assertThat(count("incident_timeline")).isEqualTo(1);
	}

	@Test
	void theAccountSearchTableIsReachableOnlyThroughItsScopedFunction() {
		jdbc.sql("update incident set account_upn = 'searchable.person@example.com' where organization_id in (?, ?)")
			.params(a.value(), b.value())
			.update();
		signInAs(a, Role.TENANT_ADMIN, Set.of(a1));
		assertThatException().isThrownBy(() -> count("incident_account_text"))
			.havingRootCause()
			.withMessageContaining("permission denied");
		assertThat(jdbc.sql("select vigil_incidents_by_account('%searchable.person%')").query(UUID.class).list())
			.as("only the tenant admin's own tenant")
			.hasSize(1);
		signInAs(a, Role.ORG_ADMIN, null);
		assertThat(jdbc.sql("select vigil_incidents_by_account('%SEARCHABLE.person%')").query(UUID.class).list())
			.as("both tenants of the organization, none of the other")
			.hasSize(2);
	}

	@Test
	void nothingCanBeWrittenIntoAnotherOrganization() {
		signInAs(a, Role.ORG_ADMIN, null);
		assertThatException()
			.isThrownBy(() -> jdbc.sql("insert into audit_log (organization_id, at, actor, action, "
					+ "outcome) values (?, now(), 'mallory', 'x', 'success')")
				.param(b.value())
				.update())
			.havingRootCause()
			.withMessageContaining("violates row-level security policy");
		assertThat(jdbc.sql("update incident set status = 'RESOLVED'").update()).isEqualTo(2);
		assertThat(jdbc.sql("delete from detection_placeholder").update()).isEqualTo(2);
		SecurityContextHolder.clearContext();
		assertThat(countWhere("incident", "status = 'NEW' and organization_id = '" + b.value() + "'")).isEqualTo(1);
		assertThat(countWhere("detection_placeholder", "organization_id = '" + b.value() + "'")).isEqualTo(1);
	}

	private ManagedTenantId populate(OrganizationId organization, String name) {
		var app = tenants.findGraphApp(organization, "client")
			.orElseGet(() -> tenants.registerGraphApp(organization, "client", new Secret("secret-" + name)));
		var tenant = tenants.connect(organization, app, UUID.randomUUID().toString(), name).id();
		accounts.create(organization, name + "-" + UUID.randomUUID() + "@msp.example", name,
				new Secret("a long enough password"), Role.READ_ONLY, null, false, "test");
		audit.record(organization, "test", AuditAction.RETENTION_CHANGED, name, "success", java.util.Map.of());
		var signIn = jdbc.sql("insert into sign_in (organization_id, managed_tenant_id, graph_id, created_at, "
				+ "event_type, record, ingested_at) values (?, ?, ?, now(), 'interactiveUser', convert_to('{}', 'UTF8'), now()) returning id")
			.params(organization.value(), tenant.value(), UUID.randomUUID().toString())
			.query(Long.class)
			.single();
		var incident = TestRows.incidentCiting(jdbc, organization, tenant, signIn);
		jdbc.sql("insert into incident_timeline (incident_id, organization_id, at, actor, kind, detail) "
				+ "values (?, ?, now(), 'vigil', 'opened', '{}')")
			.params(incident, organization.value())
			.update();
		jdbc.sql("insert into detection_placeholder (organization_id, managed_tenant_id, name, placeholder_values) "
				+ "values (?, ?, 'KnownCountries', '{NL}')")
			.params(organization.value(), tenant.value())
			.update();
		jdbc.sql(
				"insert into detection_rule_setting (organization_id, managed_tenant_id, rule_id, enabled, changed_by, "
						+ "changed_at) values (?, ?, 'RULE-1143', false, 'test', now())")
			.params(organization.value(), tenant.value())
			.update();
		jdbc.sql("insert into detection_uploaded_rule (id, organization_id, rule_id, title, yaml, uploaded_by, "
				+ "uploaded_at) values (?, ?, ?, 'r', 'title: r', 'test', now())")
			.params(UUID.randomUUID(), organization.value(), "rule-" + name)
			.update();
		return tenant;
	}

	/**
	 * The rows of this test's two organizations: the database is shared with other test
	 * classes.
	 */
	private long ofBoth(String table) {
		var column = table.equals("organization") ? "id" : "organization_id";
		return countWhere(table, column + " in ('" + a.value() + "', '" + b.value() + "')");
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	/**
	 * The attacks of SQL run on a signed-in person's connection (an injection): widening
	 * its own scope through the settings, forging or replaying a signed scope, switching
	 * roles, writing Vigil's own audit entries, reaching the tables without a policy.
	 * Each is refused or sees nothing more than before.
	 */
	@Test
	void sqlOnAPersonsConnectionCannotWidenItsScope() {
		signInAs(a, Role.TENANT_ADMIN, Set.of(a1));
		transactions.executeWithoutResult(status -> {
			assertThat(jdbc.sql("select session_user").query(String.class).single()).isEqualTo("vigil_app");
			assertThat(count("organization")).isEqualTo(1);
			assertThat(count("managed_tenant")).isEqualTo(1);

			jdbc.sql("select set_config('vigil.organization', '*', false), set_config('vigil.tenants', '*', false)")
				.query()
				.singleRow();
			assertThat(count("organization")).as("Vigil's '*' is not for this role").isEqualTo(1);
			assertThat(count("managed_tenant")).isEqualTo(1);

			var own = jdbc.sql("select current_setting('vigil.scope')").query(String.class).single();
			var mac = own.substring(own.lastIndexOf('|') + 1);
			for (var forged : List.of(a.value() + "|*|" + mac, b.value() + "|*|" + mac,
					b.value() + "|*|" + "0".repeat(64), a.value() + "|" + a1.value() + "," + a2.value() + "|" + mac)) {
				jdbc.sql("select set_config('vigil.scope', ?, false)").param(forged).query().singleRow();
				assertThat(count("organization")).as(forged).isZero();
				assertThat(count("managed_tenant")).as(forged).isZero();
				assertThat(count("sign_in")).as(forged).isZero();
			}
			jdbc.sql("select set_config('vigil.scope', ?, false)").param(own).query().singleRow();
			assertThat(count("managed_tenant")).isEqualTo(1);

			jdbc.sql("reset role").update();
			assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("vigil_app");
			assertThat(count("managed_tenant")).isEqualTo(1);
		});
		for (var escape : List.of("set role postgres", "set session authorization postgres",
				"select * from row_security_key", "select * from setup_token", "select * from graph_budget",
				"select * from event_publication", "select * from flyway_schema_history",
				"update graph_budget set blocked_until = 'infinity'",
				"insert into audit_log (organization_id, at, actor, action, outcome) values (null, now(), 'vigil', "
						+ "'forged', 'success')",
				"insert into audit_log (organization_id, at, actor, action, outcome) values ('" + b.value()
						+ "', now(), 'vigil', 'forged', 'success')")) {
			assertThatException().as(escape).isThrownBy(() -> jdbc.sql(escape).update());
		}
		assertThat(jdbc.sql("select vigil_scope_verified()").query(String.class).single())
			.isEqualTo(a.value() + "|" + a1.value());
	}

	/**
	 * Every table the people's role can reach has a row-level security policy, forced;
	 * the rest it cannot reach.
	 */
	@Test
	void everyTableThePeoplesRoleReachesHasAPolicy() {
		var unguarded = jdbc
			.sql("""
					select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
					where n.nspname = current_schema() and c.relkind in ('r', 'p')
					  and (has_table_privilege('vigil_app', c.oid, 'select') or has_table_privilege('vigil_app', c.oid, 'insert')
					       or has_table_privilege('vigil_app', c.oid, 'update') or has_table_privilege('vigil_app', c.oid, 'delete'))
					  and not (c.relrowsecurity and c.relforcerowsecurity
					           and exists (select 1 from pg_policy p where p.polrelid = c.oid))""")
			.query(String.class)
			.list();
		assertThat(unguarded).isEmpty();
		assertThat(
				jdbc.sql("select rolsuper or rolbypassrls or rolcreaterole from pg_roles where rolname = 'vigil_app'")
					.query(Boolean.class)
					.single())
			.isFalse();
		assertThat(jdbc
			.sql("select count(*) from pg_auth_members m join pg_roles r on r.oid = m.member "
					+ "where r.rolname = 'vigil_app'")
			.query(Long.class)
			.single()).as("a member of no role").isZero();
	}

	private long countWhere(String table, String condition) {
		return jdbc.sql("select count(*) from " + table + " where " + condition).query(Long.class).single();
	}

	private static void signInAs(OrganizationId organization, Role role, Set<ManagedTenantId> scope) {
		var user = new VigilUser(UUID.randomUUID(), organization, "someone@msp.example", "Someone", role, scope, true,
				false);
		var principal = new VigilPrincipal(user, "", false, true);
		SecurityContextHolder.getContext()
			.setAuthentication(
					UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
	}

}
