package io.vigil.graph.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vigil.graph.GraphSimulatorDirectory;
import io.vigil.graph.simulator.SimulatorScenario.GraphLimits;
import io.vigil.shared.Secret;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Microsoft Graph simulator speaking the real protocol over HTTPS on loopback: the
 * Entra token endpoint, the beta sign-in list and the user actions. Vigil's production
 * Graph client talks to it unchanged; only base URLs and the trusted certificate differ.
 * Deterministic for a scenario and seed, so tests can assert exact counts.
 */
public final class GraphSimulator implements GraphSimulatorDirectory, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GraphSimulator.class);

	private static final Pattern AUTHORIZE_PATH = Pattern.compile("^/([^/]+)/oauth2/v2\\.0/authorize$");

	private static final Pattern KEYS_PATH = Pattern.compile("^/([^/]+)/discovery/v2\\.0/keys$");

	private static final Pattern CONSENT_PATH = Pattern.compile("^/([^/]+)/v2\\.0/adminconsent$");

	private static final Pattern TOKEN_PATH = Pattern.compile("^/([^/]+)/oauth2/v2\\.0/token$");

	private static final Pattern USER_PATH = Pattern.compile("^/v1\\.0/users/([^/]+)(?:/([\\w./-]+))?$");

	private final SimulatorScenario scenario;

	private final Clock clock;

	final Map<String, SignInTimeline> timelines = new LinkedHashMap<>();

	private final SimTokens tokens = new SimTokens();

	private final SelfSignedTls tls = new SelfSignedTls();

	/**
	 * The latest requests, for tests to inspect; bounded, so a simulator left running for
	 * days (the demo, a standalone one) does not grow without end.
	 */
	final ConcurrentLinkedQueue<RecordedRequest> recorded = new ConcurrentLinkedQueue<>();

	final java.util.concurrent.atomic.AtomicInteger recordedCount = new java.util.concurrent.atomic.AtomicInteger();

	private static final int MAX_RECORDED = 50_000;

	private final TokenEndpoint tokenEndpoint;

	final ClientAssertions clientAssertions = new ClientAssertions();

	final OidcEndpoints oidc;

	private final SignInListEndpoint signInList;

	final UserEndpoints users;

	final Map<String, ActivityTimeline> activities = new LinkedHashMap<>();

	private final ActivityListEndpoint activityList;

	private final HttpsServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	volatile Duration visibilityOffset = Duration.ZERO;

	private final @Nullable ReportingLimits limits;

	private final RequestStats stats = new RequestStats();

	private GraphSimulator(SimulatorScenario scenario, Clock clock, int port) throws IOException {
		this.scenario = scenario;
		this.clock = clock;
		var origin = clock.instant();
		scenario.tenants()
			.forEach(t -> timelines.put(t.tenantId().toLowerCase(), new SignInTimeline(t, scenario.seed(), origin)));
		var mapper = JsonMapper.builder().build();
		this.tokenEndpoint = new TokenEndpoint(scenario, tokens, clock, clientAssertions);
		this.oidc = new OidcEndpoints(scenario, clock);
		this.limits = scenario.limits() == null ? null : new ReportingLimits(scenario.limits());
		this.signInList = new SignInListEndpoint(timelines, new SignInRenderer(mapper), this::now, this::base,
				stats::listingCompleted);
		this.users = new UserEndpoints(timelines, mapper);
		timelines.forEach((id, timeline) -> activities.put(id, new ActivityTimeline(timeline, mapper)));
		this.activityList = new ActivityListEndpoint(activities, signInList, mapper, this::now, this::base);
		this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
		server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
		server.setExecutor(executor);
		server.createContext("/", this::handle);
		server.start();
		log.info("Graph simulator listening on {} with {} tenants", baseUrl(), timelines.size());
	}

	/** Starts a simulator on 127.0.0.1; port 0 picks a free port. */
	public static GraphSimulator start(SimulatorScenario scenario, Clock clock, int port) {
		try {
			return new GraphSimulator(scenario, clock, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the Graph simulator", ex);
		}
	}

	public URI baseUrl() {
		return URI.create(base());
	}

	/** A client TLS context that trusts this simulator's certificate and nothing else. */
	public SSLContext clientSslContext() {
		return tls.clientContext();
	}

	public String certificatePem() {
		return tls.certificatePem();
	}

	public SimulatorScenario scenario() {
		return scenario;
	}

	/** The requests received (the latest 50,000), in order. */
	public List<RecordedRequest> requests() {
		return List.copyOf(recorded);
	}

	public List<RecordedRequest> requests(String tenantId) {
		return recorded.stream().filter(r -> tenantId.equalsIgnoreCase(r.tenantId())).toList();
	}

	List<SimActivity> visibleActivity(String tenantId, String source) {
		return ActivityListEndpoint.listing(activities.get(tenantId.toLowerCase()), source, ODataFilter.parse(null),
				now());
	}

	/** The id of the tenant's n-th user, as attacks in a scenario count them. */
	public String user(String tenantId, int index) {
		return timelines.get(tenantId.toLowerCase()).users().get(index).id();
	}

	/** The simulated users of a tenant as (id, userPrincipalName). */
	public Map<String, String> users(String tenantId) {
		return timelines.get(tenantId.toLowerCase())
			.users()
			.stream()
			.collect(Collectors.toMap(SimUser::id, SimUser::userPrincipalName));
	}

	@Override
	public String clientId() {
		return scenario.clientId();
	}

	@Override
	public Secret clientSecret() {
		return scenario.clientSecret();
	}

	@Override
	public List<SimulatedTenant> tenants() {
		return scenario.tenants().stream().map(t -> new SimulatedTenant(t.tenantId(), t.displayName())).toList();
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}

	List<SimSignIn> visible(String tenantId) {
		var timeline = timelines.get(tenantId.toLowerCase());
		var all = ODataFilter.parse(null);
		var interactive = SignInListEndpoint.listing(timeline, withType(all, "interactiveUser"), now());
		var other = SignInListEndpoint.listing(timeline, withType(all, "nonInteractiveUser"), now());
		return java.util.stream.Stream.concat(interactive.stream(), other.stream()).distinct().toList();
	}

	private static ODataFilter withType(ODataFilter filter, String type) {
		return new ODataFilter(filter.from(), true, filter.to(), true, type, false);
	}

	private Instant now() {
		return clock.instant().plus(visibilityOffset);
	}

	private String base() {
		return "https://127.0.0.1:" + server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		var path = exchange.getRequestURI().getPath();
		var method = exchange.getRequestMethod();
		var body = method.equals("GET") ? "" : Exchanges.body(exchange);
		var receivedAt = clock.instant();
		try {
			var authorize = AUTHORIZE_PATH.matcher(path);
			if (authorize.matches() && method.equals("GET")) {
				recordAs(exchange, authorize.group(1), "", receivedAt);
				oidc.authorize(exchange, authorize.group(1));
				return;
			}
			var keys = KEYS_PATH.matcher(path);
			if (keys.matches() && method.equals("GET")) {
				recordAs(exchange, keys.group(1), "", receivedAt);
				oidc.keys(exchange);
				return;
			}
			var consent = CONSENT_PATH.matcher(path);
			if (consent.matches() && method.equals("GET")) {
				recordAs(exchange, consent.group(1), "", receivedAt);
				adminConsent(exchange, consent.group(1));
				return;
			}
			var token = TOKEN_PATH.matcher(path);
			if (token.matches() && method.equals("POST")) {
				recordAs(exchange, token.group(1), "", receivedAt);
				if (!oidc.token(exchange, Exchanges.parameters(body), base())) {
					tokenEndpoint.handle(withBody(exchange, body), token.group(1));
				}
				return;
			}
			if (path.equals("/simulator/stats") && method.equals("GET")) {
				Exchanges.json(exchange, 200, stats.json(GraphLimits.IDENTITY_REPORTS.window()));
				return;
			}
			var tenant = authenticatedTenant(exchange);
			recordAs(exchange, tenant, body, receivedAt);
			if (tenant == null) {
				unauthorized(exchange);
			}
			else {
				route(exchange, tenant, path, body);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.warn("Graph simulator failed on {} {}", method, path, ex);
			Exchanges.json(exchange, 500, Exchanges.graphError("InternalServerError", String.valueOf(ex.getMessage())));
		}
		finally {
			Exchanges.forget(exchange);
		}
	}

	/**
	 * Entra's admin-consent prompt ({@code /{tenant}/v2.0/adminconsent}), answered at
	 * once as the tenant's admin would: back to the app's redirect URI with
	 * {@code admin_consent=True} and the tenant id, or with the error Entra sends when
	 * the admin declines.
	 */
	private void adminConsent(HttpExchange exchange, String tenantOrDomain) throws IOException {
		var query = Exchanges.parameters(String.valueOf(exchange.getRequestURI().getRawQuery()));
		var tenant = scenario.tenants()
			.stream()
			.filter(t -> t.tenantId().equalsIgnoreCase(tenantOrDomain) || t.domain().equalsIgnoreCase(tenantOrDomain))
			.findFirst();
		var redirect = query.get("redirect_uri");
		if (tenant.isEmpty() || redirect == null || scenario.secretOf(query.get("client_id")).isEmpty()) {
			var text = tenant.isEmpty() ? "AADSTS90002: Tenant '" + tenantOrDomain + "' not found."
					: "AADSTS700016: Application with identifier '" + query.get("client_id") + "' was not found.";
			var bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
			exchange.sendResponseHeaders(400, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
			return;
		}
		var state = "&state=" + encode(String.valueOf(query.getOrDefault("state", "")));
		var location = redirect + (redirect.contains("?") ? "&" : "?")
				+ (tenant.get().refusesConsent()
						? "error=access_denied&error_subcode=cancel&error_description="
								+ encode("AADSTS65004: User declined to consent to access the app.")
						: "admin_consent=True&tenant=" + tenant.get().tenantId() + "&scope="
								+ encode("https://graph.microsoft.com/.default"))
				+ state;
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

	/**
	 * Records the request when its status is sent, so whoever sees the response also sees
	 * the record.
	 */
	private void recordAs(HttpExchange exchange, @Nullable String tenant, String body, Instant receivedAt) {
		java.util.function.IntConsumer recorder = status -> {
			recorded.add(new RecordedRequest(tenant, exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestURI().getRawQuery(), body, status, receivedAt,
					"gzip".equals(exchange.getResponseHeaders().getFirst("Content-Encoding"))));
			if (recordedCount.incrementAndGet() > MAX_RECORDED && recorded.poll() != null) {
				recordedCount.decrementAndGet();
			}
		};
		Exchanges.onResponse(exchange, recorder);
	}

	private int route(HttpExchange exchange, String tenant, String path, String body)
			throws IOException, InterruptedException {
		if (reporting(path) && exchange.getRequestMethod().equals("GET")) {
			var app = tokens.appOf(java.util.Objects.requireNonNull(Exchanges.bearer(exchange)));
			var retryAfter = limits == null ? java.util.OptionalLong.empty()
					: limits.admit(app, tenant, clock.instant());
			stats.request(app, tenant, clock.instant(), retryAfter.isPresent());
			if (retryAfter.isPresent()) {
				exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfter.getAsLong()));
				Exchanges.json(exchange, 429, Exchanges.graphError("TooManyRequests",
						"Too many requests. Please retry after " + retryAfter.getAsLong() + " seconds."));
				return 429;
			}
		}
		if (path.equalsIgnoreCase("/beta/auditLogs/signIns") && exchange.getRequestMethod().equals("GET")) {
			return signInList.handle(exchange, tenant);
		}
		if ((path.equalsIgnoreCase(ActivityListEndpoint.AUDITS) || path.equalsIgnoreCase(ActivityListEndpoint.RISKS))
				&& exchange.getRequestMethod().equals("GET")) {
			return activityList.handle(exchange, tenant, path);
		}
		var user = USER_PATH.matcher(path);
		if (user.matches()) {
			return users.handle(exchange, tenant, user.group(1), user.group(2) == null ? "" : user.group(2), body);
		}
		Exchanges.json(exchange, 404, Exchanges.graphError("UnknownError", "No such resource: " + path));
		return 404;
	}

	/** The identity reports Graph throttles per app and tenant. */
	private static boolean reporting(String path) {
		return path.equalsIgnoreCase("/beta/auditLogs/signIns") || path.equalsIgnoreCase(ActivityListEndpoint.AUDITS)
				|| path.equalsIgnoreCase(ActivityListEndpoint.RISKS);
	}

	private @Nullable String authenticatedTenant(HttpExchange exchange) {
		var token = Exchanges.bearer(exchange);
		return token == null ? null : tokens.tenantOf(token, clock.instant()).orElse(null);
	}

	private static int unauthorized(HttpExchange exchange) throws IOException {
		Exchanges.json(exchange, 401,
				Exchanges.graphError("InvalidAuthenticationToken", "Access token is empty or invalid."));
		return 401;
	}

	/** The body was read for recording; hand it on to the token endpoint. */
	private static HttpExchange withBody(HttpExchange exchange, String body) {
		exchange.setStreams(new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				null);
		return exchange;
	}

}
