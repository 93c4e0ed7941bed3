package io.vigil.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.vigil.ProcessCpu;
import io.vigil.SimulatorProcess;
import io.vigil.TestDatabase;
import io.vigil.VigilApplication;
import io.vigil.graph.http.GraphEndpoints;
import io.vigil.graph.http.MsalTokenSource;
import io.vigil.graph.simulator.SelfSignedTls;
import io.vigil.shared.GraphCredentials;
import io.vigil.shared.Secret;
import io.vigil.tenants.ManagedTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale test: 1,000 simulated tenants of one MSP polled by two Vigil processes sharing
 * one PostgreSQL, against a simulator in a process of its own that throttles as Graph
 * does (122 requests / 10 s per app registration, 5 per app and tenant). The tenants are
 * spread over app registrations ({@code -Dscale.apps}, 5): one registration's budget
 * keeps about 250 tenants current, 200 with room for backlogs (docs/scaling.md). Runs
 * {@code -Dscale.minutes} (5) after both processes started and reports what the simulator
 * saw (the longest interval between two complete polls of a tenant's sign-ins, the
 * busiest 10 s per app and per tenant, 429s), sign-ins lost or stored twice (the
 * simulator listed again after the run, as Graph would list them), and heap and RSS per
 * process. The variant kills one process with SIGKILL halfway: the other takes over its
 * tenants. Run: {@code ./mvnw test -Pbenchmark -Dtest=ScaleBenchmark} (about 15 minutes);
 * results in target/benchmarks/scale-*.txt.
 */
@Tag("benchmark")
class ScaleBenchmark {

	private static final int TENANTS = Integer.getInteger("scale.tenants", 1000);

	private static final int APPS = Integer.getInteger("scale.apps", 5);

	private static final Duration RUN = Duration.ofMinutes(Long.getLong("scale.minutes", 5));

	private static final int VERIFIERS = 8;

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	private static final List<String> TYPES = List.of("interactiveUser", "nonInteractiveUser");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void twoProcessesShareAThousandTenants(@TempDir Path temp) throws Exception {
		run(temp, false);
	}

	@Test
	void oneProcessKilledMidRunLosesNothing(@TempDir Path temp) throws Exception {
		run(temp, true);
	}

	private void run(Path temp, boolean kill) throws Exception {
		try (var simulator = SimulatorProcess.start(scenario(), temp, "-Xmx768m")) {
			var database = TestDatabase.createDatabase();
			var jdbc = JdbcClient.create(new DriverManagerDataSource(database, "postgres", "postgres"));
			connectTenants(database, simulator);
			var server = ProcessCpu.postgresServer(jdbc);
			var databaseCpu = ProcessCpu.of(server);
			var started = Instant.now();
			var a = VigilProcess.start(database, simulator, temp.resolve("a.log"));
			var b = VigilProcess.start(database, simulator, temp.resolve("b.log"));
			var samples = new HeapSamples();
			Instant killedAt = null;
			try {
				var end = started.plus(RUN);
				while (Instant.now().isBefore(end)) {
					await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
					samples.sample("a", a);
					if (killedAt == null) {
						samples.sample("b", b);
					}
					if (kill && killedAt == null && Instant.now().isAfter(started.plus(RUN.dividedBy(2)))) {
						b.kill();
						killedAt = Instant.now();
					}
				}
				var stats = json.readTree(get(simulator.baseUrl() + "/simulator/stats"));
				var runEnd = Instant.now();
				var verifyUntil = runEnd.minus(Duration.ofMinutes(2));
				await().atMost(Duration.ofMinutes(5))
					.pollInterval(Duration.ofSeconds(5))
					.until(() -> caughtUp(jdbc, verifyUntil));
				var cpu = new double[] { a.cpu().toMillis(), killedAt == null ? b.cpu().toMillis() : Double.NaN };
				a.stop();
				if (killedAt == null) {
					b.stop();
				}
				var check = verify(jdbc, simulator, verifyUntil);
				report(kill, stats, started, runEnd, killedAt, check, samples, cpu,
						ProcessCpu.of(server).minus(databaseCpu), jdbc);
			}
			finally {
				a.kill();
				b.kill();
			}
		}
	}

	private static String scenario() {
		var yaml = new StringBuilder("""
				seed: 7
				clientId: app-0
				clientSecret: secret-0
				graphLimits: { perApp: 122, perTenant: 5 }
				otherClients:
				""");
		for (int i = 1; i < APPS; i++) {
			yaml.append("  - { clientId: app-%d, clientSecret: secret-%d }%n".formatted(i, i));
		}
		for (int i = 0; i < VERIFIERS; i++) {
			yaml.append("  - { clientId: verifier-%d, clientSecret: verifier }%n".formatted(i));
		}
		yaml.append("tenants:\n");
		for (int i = 0; i < TENANTS; i++) {
			// half of the tenants busy (3 sign-ins a minute), half quiet (one in five
			// minutes): 2.2 million sign-ins a day in all
			yaml.append("""
					  - tenantId: %s
					    displayName: Scale %d
					    domain: scale%d.example
					    users: 20
					    history: PT10M
					    signInsPerMinute: %s
					    nonInteractiveShare: 0.5
					    duplicateShare: 0.01
					    auditsPerHour: 2
					""".formatted(tenantId(i), i, i, i % 2 == 0 ? "3" : "0.2"));
		}
		return yaml.toString();
	}

	private static String tenantId(int i) {
		return "5ca1e000-0000-4000-8000-%012d".formatted(i);
	}

	/** One organization, its app registrations, the tenants spread over them. */
	private static void connectTenants(String database, SimulatorProcess simulator) {
		try (var setup = new SpringApplicationBuilder(VigilApplication.class).web(WebApplicationType.NONE)
			.profiles("test")
			.run(VigilProcess
				.arguments(database, simulator, "--app.ingest.scheduling-enabled=false", "--app.graph.mode=live")
				.toArray(String[]::new))) {
			var tenants = setup.getBean(ManagedTenants.class);
			var organization = tenants.createOrganization("Scale MSP").id();
			var apps = new ArrayList<java.util.UUID>();
			for (int i = 0; i < APPS; i++) {
				apps.add(tenants.registerGraphApp(organization, "app-" + i, new Secret("secret-" + i)));
			}
			for (int i = 0; i < TENANTS; i++) {
				tenants.connect(organization, apps.get(i % APPS), tenantId(i), "Scale " + i);
			}
			var jdbc = setup.getBean(JdbcClient.class);
			await().atMost(Duration.ofMinutes(5))
				.until(() -> jdbc.sql("select count(*) from ingest_tenant_state")
					.query(Long.class)
					.single() == TENANTS);
		}
	}

	/** Every tenant's sign-in cursors have passed {@code until}. */
	private static boolean caughtUp(JdbcClient jdbc, Instant until) {
		var behind = jdbc.sql("""
				select count(*) from ingest_tenant_state s
				where (select count(*) from ingest_cursor c where c.managed_tenant_id = s.managed_tenant_id
				         and c.event_type in ('interactiveUser', 'nonInteractiveUser') and c.watermark >= ?) < 2""")
			.param(Timestamp.from(until))
			.query(Long.class)
			.single();
		return behind == 0;
	}

	/**
	 * Lists every tenant's sign-ins up to {@code until} from the simulator, as Graph
	 * would list them, with app registrations of the harness's own, and compares them
	 * with what Vigil stored.
	 */
	private Verification verify(JdbcClient jdbc, SimulatorProcess simulator, Instant until) throws Exception {
		var certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(Files.newInputStream(simulator.certificate()));
		var ssl = SelfSignedTls.trusting(certificate);
		var base = URI.create(simulator.baseUrl());
		var tokens = new MsalTokenSource(new GraphEndpoints(base, base, ssl, Duration.ofSeconds(60), true));
		var http = HttpClient.newBuilder().sslContext(ssl).build();
		long lost = 0;
		long listed = 0;
		for (int i = 0; i < TENANTS; i++) {
			var credentials = new GraphCredentials(tenantId(i), "verifier-" + (i % VERIFIERS), new Secret("verifier"));
			var expected = new HashSet<String>();
			for (var type : TYPES) {
				expected.addAll(list(http, tokens.accessToken(credentials), simulator.baseUrl(), type, until));
			}
			listed += expected.size();
			var stored = new HashSet<>(jdbc.sql("""
					select s.graph_id from sign_in s join managed_tenant t on t.id = s.managed_tenant_id
					where t.entra_tenant_id = ? and s.created_at <= ?""")
				.params(tenantId(i), Timestamp.from(until))
				.query(String.class)
				.list());
			expected.removeAll(stored);
			lost += expected.size();
		}
		var twice = jdbc.sql("""
				select count(*) - count(distinct (managed_tenant_id, graph_id)) from sign_in""")
			.query(Long.class)
			.single();
		return new Verification(listed, lost, twice);
	}

	private Set<String> list(HttpClient http, String token, String base, String type, Instant until) throws Exception {
		var ids = new HashSet<String>();
		var filter = "createdDateTime le " + until + " and signInEventTypes/any(t: t eq '" + type + "')";
		String url = base + "/beta/auditLogs/signIns?$top=1000&$filter="
				+ URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
		while (url != null) {
			var response = http.send(
					HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 429) {
				var wait = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"));
				await().pollDelay(Duration.ofSeconds(wait)).atMost(Duration.ofSeconds(wait + 1)).until(() -> true);
				continue;
			}
			assertThat(response.statusCode()).isEqualTo(200);
			var page = json.readTree(response.body());
			page.path("value").forEach(signIn -> ids.add(signIn.path("id").asString()));
			url = page.hasNonNull("@odata.nextLink") ? page.path("@odata.nextLink").asString() : null;
		}
		return ids;
	}

	private void report(boolean kill, JsonNode stats, Instant started, Instant end, Instant killedAt,
			Verification check, HeapSamples samples, double[] cpuMillis, Duration databaseCpu, JdbcClient jdbc)
			throws IOException {
		var gaps = gaps(stats.path("completedListings"), end);
		var peakApp = 0;
		for (var app : stats.path("peakPerApp").properties()) {
			peakApp = Math.max(peakApp, app.getValue().asInt());
		}
		var signIns = jdbc.sql("select count(*) from sign_in").query(Long.class).single();
		var lines = new ArrayList<String>();
		lines.add("scale%s: %d tenants on %d app registrations, 2 Vigil processes%s, %s run".formatted(
				kill ? "-kill" : "", TENANTS, APPS,
				killedAt == null ? ""
						: " (one killed with SIGKILL after " + Duration.between(started, killedAt).toSeconds() + " s)",
				RUN));
		lines.add("every tenant completely polled for the first time within %d s of the start"
			.formatted(Duration.between(started, Instant.ofEpochMilli(gaps.lastFirst())).toSeconds()));
		lines.add("longest interval between two complete polls of a tenant's sign-ins: %d s (%s); 99th percentile %d s"
			.formatted(gaps.longest() / 1000, gaps.where(), gaps.p99() / 1000));
		lines.add(("once every tenant had had its first complete poll: longest interval %d s, 99th percentile %d s, "
				+ "%d of %d intervals over 90 s")
			.formatted(gaps.steadyLongest() / 1000, gaps.steadyP99() / 1000, gaps.steadyOver90s(), gaps.steadyCount()));
		lines.add(
				"peak Graph requests per 10 s: %d per app registration (limit 122, Vigil's share 109), %d per tenant (limit 5)"
					.formatted(peakApp, stats.path("peakPerTenant").asInt()));
		lines.add("requests %d, 429s received %d".formatted(stats.path("requests").asLong(),
				stats.path("throttled").asLong()));
		lines.add("sign-ins: %d stored, %d listed by Graph up to 2 min before the end, %d lost, %d stored twice"
			.formatted(signIns, check.listed(), check.lost(), check.twice()));
		lines.add("heap used (max sampled) / peak RSS: " + samples.summary());
		lines.add("CPU: process a %.0f s, process b %s, database %d s".formatted(cpuMillis[0] / 1000,
				Double.isNaN(cpuMillis[1]) ? "killed" : "%.0f s".formatted(cpuMillis[1] / 1000),
				databaseCpu.toSeconds()));
		lines.forEach(line -> System.out.println("BENCHMARK " + line));
		Files.createDirectories(Path.of("target/benchmarks"));
		Files.write(Path.of("target/benchmarks/scale" + (kill ? "-kill" : "") + ".txt"), lines);
		// the simulator's raw figures (each tenant's complete listings, per source), for
		// a closer look
		Files.writeString(Path.of("target/benchmarks/scale" + (kill ? "-kill" : "") + "-stats.json"),
				"{\"started\":" + started.toEpochMilli() + ",\"simulator\":" + stats + "}");
		assertThat(check.lost()).isZero();
		assertThat(check.twice()).isZero();
		assertThat(check.listed()).isPositive();
	}

	/**
	 * The intervals between two complete listings of a tenant's sign-ins of one type,
	 * counting the time from the last one to the end (a tenant no longer polled would
	 * otherwise go unseen), from each tenant's first complete poll on; and the same from
	 * the moment every tenant had had its first (steady state, after the backlog of a
	 * thousand new tenants).
	 */
	private static Gaps gaps(JsonNode completed, Instant end) {
		var firsts = new ArrayList<Long>();
		var series = new ArrayList<List<Long>>();
		var names = new ArrayList<String>();
		for (var entry : completed.properties()) {
			var type = entry.getKey().substring(entry.getKey().indexOf('|') + 1);
			if (!TYPES.contains(type)) {
				continue;
			}
			var times = new ArrayList<Long>();
			entry.getValue().forEach(time -> times.add(time.asLong()));
			times.sort(null);
			firsts.add(times.getFirst());
			times.add(end.toEpochMilli());
			series.add(times);
			names.add(entry.getKey());
		}
		var lastFirst = firsts.stream().mapToLong(Long::longValue).max().orElse(0);
		var all = new ArrayList<Long>();
		var steady = new ArrayList<Long>();
		long longest = 0;
		var where = "";
		for (int s = 0; s < series.size(); s++) {
			var times = series.get(s);
			for (int i = 1; i < times.size(); i++) {
				var gap = times.get(i) - times.get(i - 1);
				all.add(gap);
				if (times.get(i - 1) >= lastFirst) {
					steady.add(gap);
				}
				if (gap > longest) {
					longest = gap;
					where = names.get(s) + " at " + Instant.ofEpochMilli(times.get(i - 1));
				}
			}
		}
		all.sort(null);
		steady.sort(null);
		return new Gaps(longest, lastFirst, where, percentile(all, 0.99), steady.isEmpty() ? 0 : steady.getLast(),
				percentile(steady, 0.99), steady.stream().filter(gap -> gap > 90_000).count(), steady.size());
	}

	private static long percentile(List<Long> sorted, double share) {
		return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * share)));
	}

	private static String get(String url) throws Exception {
		var http = HttpClient.newBuilder().sslContext(trustAll()).build();
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private static javax.net.ssl.SSLContext trustAll() throws Exception {
		var context = javax.net.ssl.SSLContext.getInstance("TLS");
		context.init(null, new javax.net.ssl.TrustManager[] { new javax.net.ssl.X509TrustManager() {
			@Override
			public void checkClientTrusted(X509Certificate[] chain, String type) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String type) {
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}
		} }, null);
		return context;
	}

	private record Gaps(long longest, long lastFirst, String where, long p99, long steadyLongest, long steadyP99,
			long steadyOver90s, long steadyCount) {
	}

	private record Verification(long listed, long lost, long twice) {
	}

	/** The largest heap use sampled and the peak resident set, per process. */
	private static final class HeapSamples {

		private final Map<String, long[]> samples = new HashMap<>();

		void sample(String name, VigilProcess process) {
			var sample = samples.computeIfAbsent(name, key -> new long[2]);
			sample[0] = Math.max(sample[0], process.heapUsedKb());
			sample[1] = Math.max(sample[1], process.peakRssKb());
		}

		String summary() {
			var parts = new ArrayList<String>();
			samples.forEach((name, sample) -> parts
				.add("%s %d MiB / %d MiB".formatted(name, sample[0] / 1024, sample[1] / 1024)));
			return String.join(", ", parts);
		}

	}

	/** A Vigil process of its own, with production settings and -Xmx1g. */
	private record VigilProcess(Process process) {

		static VigilProcess start(String database, SimulatorProcess simulator, Path log) throws IOException {
			var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
					VigilApplication.class.getName()));
			command.addAll(arguments(database, simulator, "--spring.profiles.active=prod", "--server.port=0",
					"--app.tenants.encryption-key=dGVzdC1vbmx5LWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=",
					"--app.detection.cloudflare.refresh=false", "--app.detection.hosting-networks.refresh=false",
					"--logging.structured.format.console=", "--logging.level.root=WARN"));
			return new VigilProcess(
					new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
		}

		static List<String> arguments(String database, SimulatorProcess simulator, String... more) {
			var arguments = new ArrayList<>(List.of("--spring.datasource.url=" + database,
					"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
					"--app.graph.login-base-url=" + simulator.baseUrl(),
					"--app.graph.graph-base-url=" + simulator.baseUrl(),
					"--app.graph.trusted-certificate-file=" + simulator.certificate()));
			arguments.addAll(List.of(more));
			return arguments;
		}

		long heapUsedKb() {
			try {
				var jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
						Long.toString(process.pid()), "GC.heap_info")
					.redirectErrorStream(true)
					.start();
				var output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				jcmd.waitFor(30, TimeUnit.SECONDS);
				var matcher = HEAP_USED.matcher(output);
				return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
			}
			catch (IOException ex) {
				return 0;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return 0;
			}
		}

		long peakRssKb() {
			try {
				for (var line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
					if (line.startsWith("VmHWM:")) {
						return Long.parseLong(line.replaceAll("\\D", ""));
					}
				}
			}
			catch (IOException ex) {
				// gone
			}
			return 0;
		}

		Duration cpu() {
			return ProcessCpu.of(process.pid());
		}

		void stop() throws InterruptedException {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}

		/** SIGKILL: no shutdown hook runs, no lease is handed back. */
		void kill() throws InterruptedException {
			if (process.isAlive()) {
				process.destroyForcibly().waitFor();
			}
		}

	}

}
