package io.vigil.graph.simulator;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import io.vigil.graph.simulator.SimulatorScenario.TenantScenario;

/**
 * {@code GET /beta/auditLogs/signIns}: newest first, {@code $filter} on createdDateTime
 * and signInEventTypes, {@code $top} up to 1000, and an absolute {@code @odata.nextLink}
 * whose opaque {@code $skiptoken} pins the listing to the moment of the first page, so
 * events arriving meanwhile do not shift the pages. Faults (429, 503, slow answers) and
 * the missing-licence 403 come from the tenant's scenario.
 */
final class SignInListEndpoint {

	private static final String NON_PREMIUM = "Authentication_RequestFromNonPremiumTenantOrB2CTenant";

	private final Map<String, SignInTimeline> timelines;

	private final SignInRenderer renderer;

	private final Supplier<Instant> now;

	private final Supplier<String> baseUrl;

	private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();

	/**
	 * Listings by (tenant, filter, moment): the pages of one listing share it instead of
	 * regenerating it.
	 */
	private final Map<String, List<SimSignIn>> listings = java.util.Collections
		.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, List<SimSignIn>> eldest) {
				return size() > 32;
			}
		});

	private final ListingCompleted completed;

	SignInListEndpoint(Map<String, SignInTimeline> timelines, SignInRenderer renderer, Supplier<Instant> now,
			Supplier<String> baseUrl, ListingCompleted completed) {
		this.completed = completed;
		this.timelines = timelines;
		this.renderer = renderer;
		this.now = now;
		this.baseUrl = baseUrl;
	}

	int handle(HttpExchange exchange, String tenantId) throws IOException, InterruptedException {
		var timeline = timelines.get(tenantId.toLowerCase());
		var tenant = timeline.tenant();
		if (!tenant.licensed()) {
			Exchanges.json(exchange, 403,
					Exchanges.graphError(NON_PREMIUM, "Neither tenant is B2C or tenant doesn't have premium license"));
			return 403;
		}
		var fault = fault(tenant);
		if (fault != 0) {
			return answerFault(exchange, tenant, fault);
		}
		var params = Exchanges.parameters(exchange.getRequestURI().getRawQuery());
		ODataFilter filter;
		int top;
		Cursor cursor;
		try {
			filter = ODataFilter.parse(params.get("$filter"));
			top = Integer.parseInt(params.getOrDefault("$top", "1000"));
			if (top < 1 || top > 1000) {
				throw new IllegalArgumentException("Invalid value '" + top + "' for $top: it must be 1 to 1000");
			}
			cursor = params.containsKey("$skiptoken") ? Cursor.decode(params.get("$skiptoken"))
					: new Cursor(now.get(), 0);
		}
		catch (IllegalArgumentException ex) {
			Exchanges.json(exchange, 400, Exchanges.graphError("BadRequest", ex.getMessage()));
			return 400;
		}
		var key = tenant.tenantId() + "|" + params.get("$filter") + "|" + cursor.asOf();
		var listing = listings.computeIfAbsent(key, k -> listing(timeline, filter, cursor.asOf()));
		var end = Math.min(listing.size(), cursor.offset() + top);
		var head = new StringBuilder("{\"@odata.context\":\"").append(baseUrl.get())
			.append("/beta/$metadata#auditLogs/signIns\"");
		if (end < listing.size()) {
			head.append(",\"@odata.nextLink\":\"")
				.append(nextLink(params, top, new Cursor(cursor.asOf(), end)))
				.append('"');
		}
		var body = new java.io.ByteArrayOutputStream(64 + (end - cursor.offset()) * 8192);
		body.writeBytes(head.append(",\"value\":[").toString().getBytes(StandardCharsets.UTF_8));
		for (int i = cursor.offset(); i < end; i++) {
			if (i > cursor.offset()) {
				body.write(',');
			}
			renderer.render(listing.get(i), tenant.tenantId(), body);
		}
		body.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
		Exchanges.json(exchange, 200, body.toByteArray());
		if (end == listing.size()) {
			completed.completed(tenant.tenantId(), String.valueOf(filter.eventType()), now.get());
		}
		return 200;
	}

	/**
	 * What Graph lists for a filter at a moment: visible events, duplicates twice, newest
	 * first.
	 */
	static List<SimSignIn> listing(SignInTimeline timeline, ODataFilter filter, Instant asOf) {
		var from = filter.from() == null ? timeline.start() : filter.from();
		var to = filter.to() == null || filter.to().isAfter(asOf) ? asOf : filter.to();
		var result = new ArrayList<SimSignIn>();
		if (to.isBefore(from)) {
			return result;
		}
		for (var signIn : timeline.between(from, to)) {
			if (filter.matchesTime(signIn.created()) && filter.matchesType(signIn.eventType())
					&& !signIn.visibleAt().isAfter(asOf)) {
				for (int copy = 0; copy < signIn.copies(); copy++) {
					result.add(signIn);
				}
			}
		}
		return result;
	}

	int fault(TenantScenario tenant) {
		var faults = tenant.faults();
		var n = requestCounts.computeIfAbsent(tenant.tenantId(), id -> new AtomicInteger()).incrementAndGet();
		if (faults.throttleEvery() > 0 && n % faults.throttleEvery() == 0) {
			return 429;
		}
		if (faults.serverErrorEvery() > 0 && n % faults.serverErrorEvery() == 0) {
			return 503;
		}
		if (faults.timeoutEvery() > 0 && n % faults.timeoutEvery() == 0) {
			return 504;
		}
		return 0;
	}

	static int answerFault(HttpExchange exchange, TenantScenario tenant, int status)
			throws IOException, InterruptedException {
		switch (status) {
			case 429 -> {
				exchange.getResponseHeaders().set("Retry-After", String.valueOf(tenant.faults().retryAfterSeconds()));
				Exchanges.json(exchange, 429, Exchanges.graphError("TooManyRequests",
						"Too many requests. Please retry after " + tenant.faults().retryAfterSeconds() + " seconds."));
			}
			case 503 -> Exchanges.json(exchange, 503,
					Exchanges.graphError("ServiceUnavailable", "The service is temporarily unavailable."));
			default -> {
				// A gateway that hangs: the client's timeout should fire first.
				Thread.sleep(tenant.faults().timeoutDelay());
				Exchanges.json(exchange, 504, Exchanges.graphError("GatewayTimeout", "The request timed out."));
			}
		}
		return status;
	}

	private String nextLink(Map<String, String> params, int top, Cursor next) {
		var link = new StringBuilder(baseUrl.get()).append("/beta/auditLogs/signIns?");
		if (params.containsKey("$filter")) {
			link.append("$filter=").append(encode(params.get("$filter"))).append('&');
		}
		return link.append("$top=").append(top).append("&$skiptoken=").append(next.encode()).toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** A listing was read to its last page. */
	interface ListingCompleted {

		void completed(String tenantId, String eventType, Instant at);

	}

	/**
	 * The skiptoken's content: the moment the listing was taken and where the next page
	 * starts.
	 */
	record Cursor(Instant asOf, int offset) {

		String encode() {
			var raw = "v1|" + asOf.getEpochSecond() + "|" + asOf.getNano() + "|" + offset;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
		}

		static Cursor decode(String token) {
			try {
				var parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
				if (parts.length != 4 || !parts[0].equals("v1")) {
					throw new IllegalArgumentException("bad token");
				}
				return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
						Integer.parseInt(parts[3]));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("Invalid $skiptoken");
			}
		}

	}

}
