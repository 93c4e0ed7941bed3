package io.vigil.graph;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of {@code /beta/auditLogs/signIns}.
 *
 * @param nextLink Graph's {@code @odata.nextLink}, opaque, null on the last page
 */
public record SignInPage(List<GraphSignIn> signIns, List<MalformedSignIn> malformed, @Nullable String nextLink) {

	public SignInPage {
		signIns = List.copyOf(signIns);
		malformed = List.copyOf(malformed);
	}

}
