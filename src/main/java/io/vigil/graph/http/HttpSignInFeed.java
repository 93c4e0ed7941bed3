package io.vigil.graph.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import jakarta.annotation.PreDestroy;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.graph.SignInFeed;
import io.vigil.graph.SignInPage;
import io.vigil.graph.SignInQuery;
import io.vigil.shared.GraphCredentials;
import io.vigil.shared.MemberSelection;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SignInFeed} over plain HTTP against {@code /beta/auditLogs/signIns} (beta,
 * because v1.0 lacks the event type, ASN, authentication requirement and more), through
 * {@link GraphLogClient}.
 */
public final class HttpSignInFeed implements SignInFeed {

	private final GraphLogClient client;

	private final SignInRecordReader reader;

	public HttpSignInFeed(GraphEndpoints endpoints, MsalTokenSource tokens, GraphBudget budget, JsonMapper mapper,
			Clock clock, MeterRegistry registry) {
		this.client = new GraphLogClient(endpoints, tokens, budget, mapper, clock, registry);
		this.reader = new SignInRecordReader(mapper);
	}

	@Override
	public SignInPage firstPage(GraphCredentials credentials, SignInQuery query, MemberSelection members) {
		var filter = "createdDateTime ge " + timestamp(query.from().truncatedTo(ChronoUnit.SECONDS))
				+ " and createdDateTime le " + timestamp(query.to()) + " and signInEventTypes/any(t: t eq '"
				+ query.eventType().graphName() + "')";
		var uri = URI
			.create(client.base() + "/beta/auditLogs/signIns?$filter=" + encode(filter) + "&$top=" + query.pageSize());
		return reader.read(client.get(credentials, uri, "sign-in logs"), members);
	}

	@Override
	public SignInPage nextPage(GraphCredentials credentials, String nextLink, MemberSelection members) {
		return reader.read(client.get(credentials, client.link(nextLink), "sign-in logs"), members);
	}

	/**
	 * The bearer token goes with the request, so it must never follow a link to another
	 * host, or leave TLS.
	 */
	static boolean followable(URI graph, URI link) {
		return GraphLogClient.followable(graph, link);
	}

	static String timestamp(java.time.Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@PreDestroy
	void closeClient() {
		client.close();
	}

}
