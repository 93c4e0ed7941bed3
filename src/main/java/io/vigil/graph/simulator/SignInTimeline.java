package io.vigil.graph.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import io.vigil.graph.simulator.SimulatorScenario.Attack;
import io.vigil.graph.simulator.SimulatorScenario.TenantScenario;
import org.jspecify.annotations.Nullable;

/**
 * The sign-ins of one simulated tenant as a pure function of the seed: slot {@code k} of
 * the normal traffic happens at {@code start + k * interval} plus a jitter below one
 * interval, and everything about it (user, type, outcome, lateness, duplication) is drawn
 * from a random generator seeded with (seed, tenant, k). Any window is generated on
 * demand, so an open-ended tenant costs no memory, and tests can count exactly what a
 * window holds.
 */
final class SignInTimeline {

	private static final String[] FIRST = { "Adele", "Alex", "Diego", "Grady", "Isaiah", "Johanna", "Joni", "Lee",
			"Lidia", "Lynne", "Megan", "Miriam", "Nestor", "Patti", "Pradeep", "Ravi", "Sofia", "Tomas", "Wen", "Zoe" };

	private static final String[] LAST = { "Vance", "Wilber", "Siciliani", "Archie", "Lambert", "Henshall", "Sherman",
			"Gu", "Holloway", "Robbins", "Bowen", "Graham", "Wilke", "Fernandez", "Gupta", "Iyer", "Moreau", "Novak",
			"Chen", "Okafor" };

	private static final String[] USER_AGENTS = {
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
			"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
			"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
			"Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.18129; Pro)" };

	private final TenantScenario tenant;

	private final long seed;

	private final Instant start;

	private final @Nullable Instant end;

	private final long intervalNanos;

	private final List<SimUser> users;

	private final List<SimSignIn> attacks;

	SignInTimeline(TenantScenario tenant, long seed, Instant origin) {
		this.tenant = tenant;
		this.seed = seed;
		this.start = origin.minus(tenant.history());
		this.end = tenant.duration() == null ? null : start.plus(tenant.duration());
		this.intervalNanos = (long) (60_000_000_000d / tenant.signInsPerMinute());
		this.users = buildUsers();
		this.attacks = new AttackSignIns(this).all();
	}

	TenantScenario tenant() {
		return tenant;
	}

	Instant start() {
		return start;
	}

	List<SimUser> users() {
		return users;
	}

	private List<SimUser> buildUsers() {
		var home = Locations.home(tenant.tenantId());
		var list = new ArrayList<SimUser>();
		for (int i = 0; i < tenant.users(); i++) {
			var first = FIRST[i % FIRST.length];
			var last = LAST[(i / FIRST.length + i) % LAST.length];
			var suffix = i < FIRST.length ? "" : String.valueOf(i / FIRST.length);
			var upn = (first + "." + last + suffix + "@" + tenant.domain()).toLowerCase();
			list.add(new SimUser(uuid("user", i), upn, first + " " + last, home.address(i), home.asn(), home.city(),
					home.state(), home.country()));
		}
		return List.copyOf(list);
	}

	/**
	 * Every sign-in created in {@code [from, to]}, normal traffic and attacks, newest
	 * first.
	 */
	List<SimSignIn> between(Instant from, Instant to) {
		var result = new ArrayList<SimSignIn>();
		long first = Math.max(0, Math.floorDiv(nanos(from) - 1, intervalNanos));
		long last = Math.floorDiv(nanos(to), intervalNanos);
		if (end != null) {
			last = Math.min(last, slots() - 1);
		}
		for (long k = first; k <= last; k++) {
			var signIn = slot(k);
			if (!signIn.created().isBefore(from) && !signIn.created().isAfter(to)) {
				result.add(signIn);
			}
		}
		for (var attack : attacks) {
			if (!attack.created().isBefore(from) && !attack.created().isAfter(to)) {
				result.add(attack);
			}
		}
		result.sort(Comparator.comparing(SimSignIn::created).thenComparing(SimSignIn::id).reversed());
		return result;
	}

	/**
	 * Normal-traffic sign-ins in the whole timeline; only for a timeline with a duration.
	 */
	long slots() {
		if (end == null) {
			throw new IllegalStateException("An open-ended timeline has no slot count");
		}
		return Math.floorDiv(Duration.between(start, end).toNanos(), intervalNanos);
	}

	List<SimSignIn> attacks() {
		return attacks;
	}

	private SimSignIn slot(long k) {
		var random = random("slot", k);
		var created = start.plusNanos(k * intervalNanos + random.nextLong(intervalNanos))
			.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		var user = users.get(random.nextInt(users.size()));
		var eventType = random.nextDouble() < tenant.nonInteractiveShare() ? "nonInteractiveUser" : "interactiveUser";
		var late = random.nextDouble() < tenant.lateShare();
		var duplicate = random.nextDouble() < tenant.duplicateShare();
		var outcome = random.nextInt(100);
		int errorCode = outcome < 88 ? 0 : outcome < 94 ? 50126 : outcome < 97 ? 50074 : 53003;
		var malformed = tenant.malformedEvery() > 0 && k % tenant.malformedEvery() == tenant.malformedEvery() - 1;
		var userAgent = USER_AGENTS[random.nextInt(USER_AGENTS.length)];
		var requirement = random.nextInt(3) == 0 ? "singleFactorAuthentication" : "multiFactorAuthentication";
		return new SimSignIn(uuid("slot", k), created, late ? created.plus(tenant.lateDelay()) : created, eventType,
				duplicate ? 2 : 1, malformed, user, user.homeIp(), user.homeAsn(), user.city(), user.state(),
				user.country(), userAgent,
				eventType.equals("interactiveUser") ? "Browser" : "Mobile Apps and Desktop clients", errorCode,
				Outcomes.failureReason(errorCode), Outcomes.additionalDetails(errorCode), requirement, "none",
				3 + random.nextInt(16), random.nextInt(Apps.COUNT));
	}

	String uuid(String kind, long index) {
		var name = seed + "/" + tenant.tenantId() + "/" + kind + "/" + index;
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
	}

	SplittableRandom random(String kind, long index) {
		return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ tenant.tenantId().hashCode() * 31L
				^ kind.hashCode() * 1_000_003L ^ index * 0xBF58476D1CE4E5B9L);
	}

	Instant attackTime(Attack attack, int j) {
		return start.plus(attack.at()).plus(attack.spacing().multipliedBy(j));
	}

	private long nanos(Instant instant) {
		return Duration.between(start, instant).toNanos();
	}

}
