package io.vigil.graph;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of directory audits or risk detections.
 *
 * @param nextLink Graph's {@code @odata.nextLink}, opaque, null on the last page
 */
public record ActivityPage(List<GraphActivity> records, List<MalformedSignIn> malformed, @Nullable String nextLink) {

	public ActivityPage {
		records = List.copyOf(records);
		malformed = List.copyOf(malformed);
	}

}
