package io.vigil.graph.http;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nextLink comes from Graph's answer, and the bearer token follows it: only Graph
 * itself over TLS is followed.
 */
class NextLinkTests {

	static final URI GRAPH = URI.create("https://graph.microsoft.com");

	@Test
	void onlyHttpsLinksToGraphItselfAreFollowed() {
		assertThat(HttpSignInFeed.followable(GRAPH,
				URI.create("https://graph.microsoft.com/beta/auditLogs/signIns?$skiptoken=x")))
			.isTrue();
		assertThat(HttpSignInFeed.followable(GRAPH, URI.create("https://GRAPH.microsoft.com/beta/x"))).isTrue();
		assertThat(HttpSignInFeed.followable(GRAPH, URI.create("http://graph.microsoft.com/beta/x"))).isFalse();
		assertThat(HttpSignInFeed.followable(GRAPH, URI.create("ftp://graph.microsoft.com/beta/x"))).isFalse();
		assertThat(HttpSignInFeed.followable(GRAPH, URI.create("https://graph.microsoft.com.evil.example/x")))
			.isFalse();
		assertThat(HttpSignInFeed.followable(GRAPH, URI.create("https://graph.microsoft.com:8443/x"))).isFalse();
		assertThat(HttpSignInFeed.followable(GRAPH, URI.create("//evil.example/x"))).isFalse();
	}

}
