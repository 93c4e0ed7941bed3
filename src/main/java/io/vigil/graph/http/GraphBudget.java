package io.vigil.graph.http;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Graph request budget, enforced cluster-wide in PostgreSQL: identity reports allow 5
 * requests / 10 s per app per tenant and 122 / 10 s per app across all tenants. Each
 * bucket row keeps the times of its last {@code limit} requests (a sliding-window log),
 * so no window of that length ever holds more; a row lock serializes replicas. Times come
 * from the database so every replica reads one clock. A 429's Retry-After blocks the
 * tenant's bucket. A backlog's requests are also logged in a bucket of their own, which
 * lets them take only a share of what current polls leave.
 */
public final class GraphBudget {

	/**
	 * Added to the window: a request reaches Graph a little after its slot is taken, and
	 * on a loaded machine more than a little (ScaleBenchmark saw 110 in a 10 s window
	 * with 250 ms of slack, against a limit of 109): a tenth of the window, at least 250
	 * ms.
	 */
	private static final int SLACK_DIVISOR = 10;

	private static final Duration MINIMUM_SLACK = Duration.ofMillis(250);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Limits limits;

	/**
	 * The budget is shared by every organization using an app registration, so it is
	 * Vigil's, not a person's: its statements run in a transaction of their own that acts
	 * for Vigil, even when a signed-in person's action takes from it (whose connections
	 * may not touch this table).
	 */
	public GraphBudget(JdbcClient jdbc, TransactionTemplate transactions, Limits limits) {
		this.jdbc = jdbc;
		var own = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
		own.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.transactions = own;
		this.limits = limits;
	}

	/**
	 * Takes one request from the app's and the tenant's buckets, or neither.
	 * @return empty when the request may go now, else how long to wait
	 */
	public java.util.Optional<Duration> tryAcquire(String clientId, String entraTenantId) {
		return tryAcquire(clientId, entraTenantId, false);
	}

	/**
	 * As {@link #tryAcquire(String, String)}; a backlog request goes only while the
	 * backlog's requests in the app's window stay under {@link Limits#backlogShare()} of
	 * what the current requests leave: however many there are, some room always stays for
	 * more current ones, and the backlog gets whatever they do not need.
	 */
	public java.util.Optional<Duration> tryAcquire(String clientId, String entraTenantId, boolean backlog) {
		var buckets = new Buckets("app:" + clientId, "tenant:" + clientId + ":" + entraTenantId,
				backlog ? "backlog:" + clientId : null);
		return java.util.Optional
			.ofNullable(io.vigil.shared.ActingAsVigil.call(() -> transactions.execute(status -> acquire(buckets))));
	}

	/**
	 * Graph said 429: nothing goes to this tenant before {@code retryAfter} has passed.
	 */
	public void block(String clientId, String entraTenantId, Duration retryAfter) {
		io.vigil.shared.ActingAsVigil.run(() -> transactions.executeWithoutResult(status -> jdbc.sql("""
				insert into graph_budget (bucket, blocked_until) values (?, clock_timestamp() + ?::interval)
				on conflict (bucket) do update set blocked_until =
				    greatest(coalesce(graph_budget.blocked_until, excluded.blocked_until), excluded.blocked_until)""")
			.params("tenant:" + clientId + ":" + entraTenantId, retryAfter.toMillis() + " milliseconds")
			.update()));
	}

	public Limits limits() {
		return limits;
	}

	private @Nullable Duration acquire(Buckets buckets) {
		var names = buckets.names();
		jdbc.sql("insert into graph_budget (bucket) select unnest(?::text[]) on conflict do nothing")
			.param(names.toArray(String[]::new))
			.update();
		var rows = jdbc.sql("""
				select bucket, recent, blocked_until, clock_timestamp() as now from graph_budget
				where bucket = any(?::text[]) order by bucket for update""")
			.param(names.toArray(String[]::new))
			.query((rs, i) -> new Bucket(rs.getString("bucket"), times(rs.getArray("recent")),
					rs.getTimestamp("blocked_until"), rs.getTimestamp("now").toInstant()))
			.list();
		var slack = limits.window().dividedBy(SLACK_DIVISOR);
		var window = limits.window().plus(slack.compareTo(MINIMUM_SLACK) < 0 ? MINIMUM_SLACK : slack);
		var wait = Duration.ZERO;
		Bucket app = null;
		for (var bucket : rows) {
			if (bucket.name().equals(buckets.app())) {
				app = bucket;
			}
		}
		for (var bucket : rows) {
			var bucketWait = bucket.name().equals(buckets.backlog())
					? bucket.waitFor(backlogLimit(bucket, java.util.Objects.requireNonNull(app), window), window)
					: bucket.waitFor(limit(bucket.name(), buckets), window);
			wait = bucketWait.compareTo(wait) > 0 ? bucketWait : wait;
		}
		if (!wait.isZero()) {
			return wait;
		}
		for (var bucket : rows) {
			jdbc.sql("""
					update graph_budget set recent = array(
					    select t from unnest(recent || ?::timestamptz) t order by t desc limit ?) where bucket = ?""")
				.params(Timestamp.from(bucket.now()),
						bucket.name().equals(buckets.tenant()) ? limits.perTenant() : limits.perApp(), bucket.name())
				.update();
		}
		return null;
	}

	private int limit(String bucket, Buckets buckets) {
		return bucket.equals(buckets.tenant()) ? limits.perTenant() : limits.perApp();
	}

	/**
	 * How many backlog requests the window may hold now: the share of what the current
	 * requests in it leave of the app's limit, at least one.
	 */
	private int backlogLimit(Bucket backlog, Bucket app, Duration window) {
		var current = app.countWithin(window) - backlog.countWithin(window);
		return Math.max(1, (int) Math.floor((limits.perApp() - current) * limits.backlogShare()));
	}

	private static List<Instant> times(Array array) throws SQLException {
		var times = new ArrayList<Instant>();
		for (Object value : (Object[]) array.getArray()) {
			times.add(((Timestamp) value).toInstant());
		}
		times.sort(null);
		return times;
	}

	/**
	 * @param perApp requests per window per app registration across all tenants (Vigil's
	 * share of 122)
	 * @param perTenant requests per window per app and tenant (5)
	 * @param backlogShare the share of what current requests leave of {@code perApp} that
	 * backlog requests may take
	 */
	public record Limits(int perApp, int perTenant, Duration window, double backlogShare) {

		public Limits(int perApp, int perTenant, Duration window) {
			this(perApp, perTenant, window, 1.0);
		}

	}

	/** The buckets one request takes from; {@code backlog} only for a backlog's. */
	private record Buckets(String app, String tenant, @Nullable String backlog) {

		List<String> names() {
			return backlog == null ? List.of(app, tenant) : List.of(app, tenant, backlog);
		}

	}

	private record Bucket(String name, List<Instant> recent, @Nullable Timestamp blockedUntil, Instant now) {

		/** The requests of the last {@code window}. */
		int countWithin(Duration window) {
			var since = now.minus(window);
			return (int) recent.stream().filter(time -> time.isAfter(since)).count();
		}

		Duration waitFor(int limit, Duration window) {
			var wait = Duration.ZERO;
			if (blockedUntil != null && blockedUntil.toInstant().isAfter(now)) {
				wait = Duration.between(now, blockedUntil.toInstant());
			}
			if (recent.size() >= limit) {
				var oldestInWindow = recent.get(recent.size() - limit);
				var free = oldestInWindow.plus(window);
				if (free.isAfter(now) && Duration.between(now, free).compareTo(wait) > 0) {
					wait = Duration.between(now, free);
				}
			}
			return wait;
		}

	}

}
