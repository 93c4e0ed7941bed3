package io.vigil.graph.simulator;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import io.vigil.graph.simulator.SignInListEndpoint.Cursor;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1.0/auditLogs/directoryAudits} and
 * {@code GET /v1.0/identityProtection/riskDetections}: newest first, {@code $filter} on
 * the time field, {@code $top} up to 1000, pinned {@code $skiptoken} paging as for
 * sign-ins, and the tenant's faults (counted with its sign-in requests, one reports
 * budget). Risk detections answer 403 for a tenant without Entra ID P2, and without
 * IdentityRiskEvent.Read.All.
 */
final class ActivityListEndpoint {

	static final String AUDITS = "/v1.0/auditLogs/directoryAudits";

	static final String RISKS = "/v1.0/identityProtection/riskDetections";

	private final Map<String, ActivityTimeline> timelines;

	private final SignInListEndpoint signIns;

	private final JsonMapper mapper;

	private final Supplier<Instant> now;

	private final Supplier<String> baseUrl;

	ActivityListEndpoint(Map<String, ActivityTimeline> timelines, SignInListEndpoint signIns, JsonMapper mapper,
			Supplier<Instant> now, Supplier<String> baseUrl) {
		this.timelines = timelines;
		this.signIns = signIns;
		this.mapper = mapper;
		this.now = now;
		this.baseUrl = baseUrl;
	}

	int handle(HttpExchange exchange, String tenantId, String path) throws IOException, InterruptedException {
		var timeline = timelines.get(tenantId.toLowerCase());
		var tenant = timeline.signIns().tenant();
		var risks = path.equalsIgnoreCase(RISKS);
		if (risks && !tenant.permissions().contains("IdentityRiskEvent.Read.All")) {
			Exchanges.json(exchange, 403, Exchanges.graphError("Authorization_RequestDenied",
					"Insufficient privileges to complete the operation."));
			return 403;
		}
		if (risks && !tenant.riskLicensed()) {
			Exchanges.json(exchange, 403, Exchanges.graphError("Forbidden",
					"Your tenant is not licensed for this feature (Microsoft Entra ID P2 is required)."));
			return 403;
		}
		var fault = signIns.fault(tenant);
		if (fault != 0) {
			return SignInListEndpoint.answerFault(exchange, tenant, fault);
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
		var source = risks ? "riskDetection" : "directoryAudit";
		var listing = listing(timeline, source, filter, cursor.asOf());
		var end = Math.min(listing.size(), cursor.offset() + top);
		var page = mapper.createObjectNode();
		page.put("@odata.context", baseUrl.get() + "/v1.0/$metadata#" + (risks ? "riskDetections" : "directoryAudits"));
		if (end < listing.size()) {
			page.put("@odata.nextLink", nextLink(path, params, top, new Cursor(cursor.asOf(), end)));
		}
		var value = page.putArray("value");
		for (int i = cursor.offset(); i < end; i++) {
			value.add(render(listing.get(i), risks));
		}
		Exchanges.json(exchange, 200, mapper.writeValueAsBytes(page));
		return 200;
	}

	/** What Graph lists for a filter at a moment: visible records, duplicates twice. */
	static List<SimActivity> listing(ActivityTimeline timeline, String source, ODataFilter filter, Instant asOf) {
		var from = filter.from() == null ? timeline.signIns().start() : filter.from();
		var to = filter.to() == null || filter.to().isAfter(asOf) ? asOf : filter.to();
		var result = new ArrayList<SimActivity>();
		if (to.isBefore(from)) {
			return result;
		}
		for (var record : timeline.between(source, from, to)) {
			if (filter.matchesTime(record.occurred()) && !record.visibleAt().isAfter(asOf)) {
				for (int copy = 0; copy < record.copies(); copy++) {
					result.add(record);
				}
			}
		}
		return result;
	}

	private tools.jackson.databind.node.ObjectNode render(SimActivity activity, boolean risk) {
		var node = mapper.createObjectNode().put("id", activity.id());
		var time = activity.malformed() ? "yesterday at noon" : activity.occurred().toString();
		node.put(risk ? "detectedDateTime" : "activityDateTime", time);
		node.setAll(activity.record());
		return node;
	}

	private String nextLink(String path, Map<String, String> params, int top, Cursor next) {
		var link = new StringBuilder(baseUrl.get()).append(path).append('?');
		if (params.containsKey("$filter")) {
			link.append("$filter=").append(encode(params.get("$filter"))).append('&');
		}
		return link.append("$top=").append(top).append("&$skiptoken=").append(next.encode()).toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
