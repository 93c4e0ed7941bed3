package io.vigil.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * How long one stage of the pipeline took over a recent period (Graph to Vigil, stored to
 * evidence, incident to message sent): the median, the 95th percentile and the worst,
 * from the timestamps each stage stores.
 *
 * @param samples how many items passed the stage in the period; the durations are zero
 * when none did
 */
public record StageLag(long samples, Duration median, Duration p95, Duration max) {

	/**
	 * The SQL aggregate over a column of milliseconds, read back by {@link #read}:
	 * {@code samples, median_ms, p95_ms,
	 * max_ms}.
	 */
	public static String select(String milliseconds) {
		return "count(*) as samples, percentile_cont(0.5) within group (order by " + milliseconds + ") as median_ms, "
				+ "percentile_cont(0.95) within group (order by " + milliseconds + ") as p95_ms, max(" + milliseconds
				+ ") as max_ms";
	}

	public static StageLag read(ResultSet rs, int row) throws SQLException {
		return new StageLag(rs.getLong("samples"), Duration.ofMillis(Math.round(rs.getDouble("median_ms"))),
				Duration.ofMillis(Math.round(rs.getDouble("p95_ms"))),
				Duration.ofMillis(Math.round(rs.getDouble("max_ms"))));
	}

}
