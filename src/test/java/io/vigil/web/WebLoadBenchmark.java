package io.vigil.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.IntFunction;

import io.vigil.VigilIntegrationTest;
import io.vigil.security.Role;
import io.vigil.security.TestSignIn;
import io.vigil.shared.OrganizationId;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Server-side latency of the dashboard, the queue and the incident page with 100,000
 * incidents and 1,000,000 sign-ins stored: loads the data with SQL, then times requests
 * through the whole stack (security filters, row-level security, queries, Thymeleaf)
 * without the network. Run with {@code ./mvnw test -Pbenchmark -Dtest=WebLoadBenchmark};
 * writes {@code target/benchmarks/web.txt}; figures in {@code docs/benchmarks.md}.
 */
@VigilIntegrationTest
@Tag("benchmark")
class WebLoadBenchmark {

	static final int TENANTS = 20;

	static final int INCIDENTS = 100_000;

	static final int SIGN_INS = 1_000_000;

	static final int WARMUP = 50;

	static final int MEASURED = 400;

	@Autowired
	MockMvc mvc;

	@Autowired
	ManagedTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Test
	void queueAndDetailPages() throws Exception {
		var organization = tenants.createOrganization("Load MSP").id();
		var app = tenants.registerGraphApp(organization, "client", new Secret("s"));
		var tenantIds = new ArrayList<UUID>();
		for (int t = 0; t < TENANTS; t++) {
			tenantIds.add(tenants.connect(organization, app, UUID.randomUUID().toString(), "Tenant " + t).id().value());
			tenants.disconnect(organization, new io.vigil.shared.ManagedTenantId(tenantIds.getLast()));
		}
		var loadStarted = System.nanoTime();
		load(organization, tenantIds);
		var loadSeconds = (System.nanoTime() - loadStarted) / 1e9;

		var incidentIds = jdbc.sql("select id from incident where organization_id = ? order by random() limit 2000")
			.param(organization.value())
			.query(UUID.class)
			.list();
		var principal = TestSignIn.token(TestSignIn.as(jdbc, organization, Role.RESPONDER));
		var random = new SplittableRandom(3);
		var report = new StringBuilder();
		report.append(String.format("data: %,d incidents, %,d sign-ins, %d tenants, loaded in %.0f s%n", INCIDENTS,
				SIGN_INS, TENANTS, loadSeconds));
		report.append(measure("queue, first page", i -> get("/incidents").with(authentication(principal))));
		report.append(measure("queue, one tenant",
				i -> get("/incidents").param("tenant", tenantIds.get(i % TENANTS).toString())
					.with(authentication(principal))));
		report.append(measure("queue, high severity, all statuses",
				i -> get("/incidents").param("severity", "HIGH")
					.param("status", "ALL")
					.with(authentication(principal))));
		report.append(measure("queue, search account",
				i -> get("/incidents").param("q", "user" + random.nextInt(50_000)).with(authentication(principal))));
		report.append(measure("queue, by severity",
				i -> get("/incidents").param("sort", "severity").with(authentication(principal))));
		report.append(measure("incident page",
				i -> get("/incidents/" + incidentIds.get(i % incidentIds.size())).with(authentication(principal))));
		report.append(measure("dashboard", i -> get("/").with(authentication(principal))));
		var file = Path.of("target", "benchmarks", "web.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, report);
		System.out.println(report);
	}

	private String measure(String name, IntFunction<RequestBuilder> request) throws Exception {
		for (int i = 0; i < WARMUP; i++) {
			assertThat(mvc.perform(request.apply(i)).andReturn().getResponse().getStatus()).isEqualTo(200);
		}
		var millis = new double[MEASURED];
		for (int i = 0; i < MEASURED; i++) {
			var started = System.nanoTime();
			var status = mvc.perform(request.apply(i + WARMUP)).andReturn().getResponse().getStatus();
			millis[i] = (System.nanoTime() - started) / 1e6;
			assertThat(status).isEqualTo(200);
		}
		Arrays.sort(millis);
		return String.format("%-36s p50 %6.1f ms   p95 %6.1f ms   p99 %6.1f ms%n", name, millis[MEASURED / 2],
				millis[(int) (MEASURED * 0.95)], millis[(int) (MEASURED * 0.99)]);
	}

	/**
	 * Sign-ins with a realistic record size, and incidents each with one sign-in of
	 * evidence and a timeline entry.
	 */
	private void load(OrganizationId organization, List<UUID> tenantIds) {
		var tenantArray = tenantIds.toArray(UUID[]::new);
		jdbc.sql(
				"""
						insert into sign_in (organization_id, managed_tenant_id, graph_id, created_at, event_type, user_id,
						  user_principal_name, ip_address, country, asn, error_code, record, ingested_at)
						select ?, (?::uuid[])[1 + g % ?], md5(g::text), now() - (g || ' seconds')::interval,
						  case when g % 2 = 0 then 'interactiveUser' else 'nonInteractiveUser' end, 'u' || (g % 50000),
						  'user' || (g % 50000) || '@tenant' || (g % ?) || '.example',
						  ('10.' || (g % 250) || '.' || (g / 250 % 250) || '.' || (g / 62500 % 250))::inet, 'NL', 1136,
						  case when g % 9 = 0 then 50126 else 0 end,
						  convert_to(jsonb_build_object('id', md5(g::text), 'userAgent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
						    'status', jsonb_build_object('errorCode', 0), 'padding', repeat('x', 2000))::text, 'UTF8'), now()
						from generate_series(1, ?) g""")
			.params(organization.value(), tenantArray, TENANTS, TENANTS, SIGN_INS)
			.update();
		jdbc.sql("""
				insert into incident (id, organization_id, managed_tenant_id, rule_id, rule_title, severity, status,
				  dedup_key, account_id, account_upn, account_display_name, first_seen, last_seen, sign_in_count,
				  window_seconds, checklist, detection_latency_ms, created_at, updated_at)
				select md5('incident' || g)::uuid, ?, (?::uuid[])[1 + g % ?], 'RULE-1143',
				  'Successful sign-in from CloudFlare infrastructure',
				  case when g % 5 = 0 then 'HIGH' else 'LOW' end,
				  case when g % 4 = 0 then 'RESOLVED' else 'NEW' end, 'account=u' || g, 'u' || (g % 50000),
				  'user' || (g % 50000) || '@tenant' || (g % ?) || '.example', 'User ' || g,
				  now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, 1, 86400,
				  '[{"id":"recognised","text":"Ask the owner.","answers":[],"next":null,"action":null}]', 900,
				  now() - (g || ' minutes')::interval, now()
				from generate_series(1, ?) g""")
			.params(organization.value(), tenantArray, TENANTS, TENANTS, INCIDENTS)
			.update();
		jdbc.sql("""
				insert into incident_sign_in (incident_id, organization_id, managed_tenant_id, rule_id, sign_in_id,
				  graph_id, created_at, ip_address, evidence, detection_latency_ms, added_at)
				select i.id, i.organization_id, i.managed_tenant_id, i.rule_id, s.id, s.graph_id, s.created_at,
				  s.ip_address, '{"ip":{"asn":13335,"cloudflare":true,"country":"NL"},"userAgent":"Mozilla/5.0"}', 900,
				  now()
				from (select id, organization_id, managed_tenant_id, rule_id, row_number() over () as n from incident
				      where organization_id = ?) i
				join (select id, graph_id, created_at, ip_address, row_number() over (order by id) as n from sign_in
				      where organization_id = ?) s on s.n = i.n""")
			.params(organization.value(), organization.value())
			.update();
		jdbc.sql(
				"""
						insert into incident_timeline (incident_id, organization_id, at, actor, kind, detail)
						select id, organization_id, created_at, 'vigil', 'opened', '{}' from incident where organization_id = ?""")
			.param(organization.value())
			.update();
		jdbc.sql("analyze").update();
	}

}
