package io.vigil.graph.http;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

import jakarta.annotation.PreDestroy;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.graph.ActivityFeed;
import io.vigil.graph.ActivityPage;
import io.vigil.graph.ActivityQuery;
import io.vigil.graph.ActivitySource;
import io.vigil.shared.GraphCredentials;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ActivityFeed} over plain HTTP against the v1.0 directory audits and risk
 * detections, through the same {@link GraphLogClient} (budget, 429, refusals) as
 * sign-ins.
 */
public final class HttpActivityFeed implements ActivityFeed {

	private final GraphLogClient client;

	private final ActivityRecordReader reader;

	public HttpActivityFeed(GraphEndpoints endpoints, MsalTokenSource tokens, GraphBudget budget, JsonMapper mapper,
			Clock clock, MeterRegistry registry) {
		this.client = new GraphLogClient(endpoints, tokens, budget, mapper, clock, registry);
		this.reader = new ActivityRecordReader(mapper);
	}

	@Override
	public ActivityPage firstPage(GraphCredentials credentials, ActivityQuery query) {
		var source = query.source();
		var filter = source.timeField() + " ge "
				+ HttpSignInFeed.timestamp(query.from().truncatedTo(ChronoUnit.SECONDS)) + " and " + source.timeField()
				+ " le " + HttpSignInFeed.timestamp(query.to());
		var uri = URI.create(client.base() + source.path() + "?$filter=" + HttpSignInFeed.encode(filter) + "&$top="
				+ query.pageSize());
		return reader.read(source, client.get(credentials, uri, source.label()));
	}

	@Override
	public ActivityPage nextPage(GraphCredentials credentials, ActivitySource source, String nextLink) {
		return reader.read(source, client.get(credentials, client.link(nextLink), source.label()));
	}

	@PreDestroy
	void closeClient() {
		client.close();
	}

}
