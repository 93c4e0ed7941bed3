package io.vigil.graph.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What tests ask the Graph simulator beyond the protocol: the ground truth of what Graph
 * lists now, what the user actions changed, and ways to make the simulator misbehave.
 * Test code only (the production jar's simulator has no such hooks); it reads the
 * simulator's state from its own package.
 */
public final class SimulatorProbe {

	private SimulatorProbe() {
	}

	/**
	 * Undoes what user actions and tests changed: accounts enabled, passwords reset,
	 * authentication methods and inbox rules as the scenario made them, no throttling, no
	 * password-only sign-ins, no recorded requests, no visibility offset. Test classes
	 * sharing one simulator (one application context) each start from the scenario.
	 */
	public static void reset(GraphSimulator simulator) {
		simulator.users.accountEnabled.clear();
		simulator.users.passwordResets.clear();
		simulator.users.throttled.clear();
		simulator.users.securityInfo().methods.clear();
		simulator.users.securityInfo().rules.clear();
		simulator.oidc.passwordOnly.clear();
		simulator.recorded.clear();
		simulator.recordedCount.set(0);
		simulator.visibilityOffset = Duration.ZERO;
	}

	/**
	 * Lets simulated time run ahead of the clock for visibility: late events due within
	 * it appear now.
	 */
	public static void advanceVisibility(GraphSimulator simulator, Duration duration) {
		simulator.visibilityOffset = simulator.visibilityOffset.plus(duration);
	}

	/**
	 * Ground truth: ids of the well-formed sign-ins (both types) Graph lists for the
	 * tenant at this moment.
	 */
	public static Set<String> visibleSignInIds(GraphSimulator simulator, String tenantId) {
		return simulator.visible(tenantId)
			.stream()
			.filter(s -> !s.malformed())
			.map(SimSignIn::id)
			.collect(Collectors.toSet());
	}

	/**
	 * Ground truth: ids of the malformed sign-ins Graph lists for the tenant at this
	 * moment.
	 */
	public static Set<String> visibleMalformedIds(GraphSimulator simulator, String tenantId) {
		return simulator.visible(tenantId)
			.stream()
			.filter(SimSignIn::malformed)
			.map(SimSignIn::id)
			.collect(Collectors.toSet());
	}

	/** Ground truth: how many list entries are second copies of a sign-in. */
	public static long visibleDuplicates(GraphSimulator simulator, String tenantId) {
		return simulator.visible(tenantId).stream().mapToLong(s -> s.copies() - 1).sum();
	}

	/**
	 * Ground truth: ids of the well-formed directory audits ({@code directoryAudit}) or
	 * risk detections ({@code riskDetection}) Graph lists for the tenant at this moment.
	 */
	public static Set<String> visibleActivityIds(GraphSimulator simulator, String tenantId, String source) {
		return simulator.visibleActivity(tenantId, source)
			.stream()
			.filter(a -> !a.malformed())
			.map(SimActivity::id)
			.collect(Collectors.toSet());
	}

	/** Ground truth: ids of the malformed records of the source Graph lists now. */
	public static Set<String> visibleMalformedActivityIds(GraphSimulator simulator, String tenantId, String source) {
		return simulator.visibleActivity(tenantId, source)
			.stream()
			.filter(SimActivity::malformed)
			.map(SimActivity::id)
			.collect(Collectors.toSet());
	}

	/** Ground truth: how many list entries of the source are second copies. */
	public static long visibleActivityDuplicates(GraphSimulator simulator, String tenantId, String source) {
		return simulator.visibleActivity(tenantId, source).stream().mapToLong(a -> a.copies() - 1).sum();
	}

	/**
	 * The ids of what the attacker did after taking the user over, as the directory audit
	 * lists them (authenticator registered, consent, permission grant).
	 */
	public static List<String> attackerAuditIds(GraphSimulator simulator, String tenantId, String userId) {
		return simulator.activities.get(tenantId.toLowerCase())
			.attacks()
			.stream()
			.filter(a -> a.source().equals("directoryAudit"))
			.filter(a -> a.record().path("initiatedBy").path("user").path("id").asString().equals(userId))
			.map(SimActivity::id)
			.toList();
	}

	/** Whether the simulated user's account is enabled (after PATCH accountEnabled). */
	public static boolean isAccountEnabled(GraphSimulator simulator, String tenantId, String userId) {
		return simulator.users.isEnabled(tenantId, userId);
	}

	/**
	 * Uploads a certificate to the simulated app registration: client assertions signed
	 * with its key are accepted.
	 */
	public static void registerClientCertificate(GraphSimulator simulator,
			java.security.cert.X509Certificate certificate) {
		simulator.clientAssertions.register(certificate);
	}

	/**
	 * The tenant's Global Administrator (its first user): the app may not block or revoke
	 * it.
	 */
	public static String administrator(GraphSimulator simulator, String tenantId) {
		return simulator.timelines.get(tenantId.toLowerCase()).users().getFirst().id();
	}

	/** A user of the tenant who is not its administrator: the first by id. */
	public static String ordinaryUser(GraphSimulator simulator, String tenantId) {
		var administrator = administrator(simulator, tenantId);
		return simulator.users(tenantId)
			.keySet()
			.stream()
			.filter(id -> !id.equals(administrator))
			.sorted()
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The tenant's next {@code requests} user requests (reads and actions) answer 429
	 * with this Retry-After.
	 */
	public static void throttleUserRequests(GraphSimulator simulator, String tenantId, int requests,
			Duration retryAfter) {
		simulator.users.throttle(tenantId, requests, (int) retryAfter.toSeconds());
	}

	/**
	 * Entra signs this person in with a password only: the ID token's {@code amr} lacks
	 * {@code mfa}.
	 */
	public static void signInWithoutMfa(GraphSimulator simulator, String email) {
		simulator.oidc.signInWithoutMfa(email);
	}

	/** How many times the user's password was reset through {@code passwordProfile}. */
	public static int passwordResets(GraphSimulator simulator, String tenantId, String userId) {
		return simulator.users.passwordResets(tenantId, userId);
	}

	/**
	 * The ids of the user's registered authentication methods, as Graph would list them
	 * now.
	 */
	public static List<String> authenticationMethodIds(GraphSimulator simulator, String tenantId, String userId) {
		return simulator.users.securityInfo().methodIds(tenantId, userId);
	}

	/**
	 * The ids of the user's Inbox rules that are enabled now (only once the rules were
	 * listed or changed).
	 */
	public static List<String> enabledInboxRuleIds(GraphSimulator simulator, String tenantId, String userId) {
		return simulator.users.securityInfo().enabledRuleIds(tenantId, userId);
	}

}
