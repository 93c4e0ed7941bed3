package io.vigil.graph.simulator;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.vigil.shared.Secret;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the simulator serves: the app registration its token endpoint accepts and, per
 * tenant, users, sign-in rate, attacks and faults. Everything the simulator produces
 * derives from {@link #seed()}, so a scenario yields the same sign-ins (ids, users, times
 * relative to the start) on every run.
 */
public record SimulatorScenario(long seed, String clientId, Secret clientSecret, List<TenantScenario> tenants,
		List<OtherClient> otherClients, @Nullable GraphLimits limits) {

	public SimulatorScenario {
		tenants = List.copyOf(tenants);
		otherClients = List.copyOf(otherClients);
	}

	public SimulatorScenario(long seed, String clientId, Secret clientSecret, List<TenantScenario> tenants) {
		this(seed, clientId, clientSecret, tenants, List.of(), null);
	}

	/** The same scenario, its Graph limits (if any) counted over {@code window}. */
	public SimulatorScenario withLimitsWindow(java.time.Duration window) {
		return limits == null ? this : new SimulatorScenario(seed, clientId, clientSecret, tenants, otherClients,
				new GraphLimits(limits.perApp(), limits.perTenant(), window));
	}

	/**
	 * The secret of an app registration the token endpoint knows, if it knows it: the
	 * scenario's own and its other clients (an MSP spreading many tenants over several
	 * app registrations, each with Graph's budget of its own).
	 */
	public java.util.Optional<Secret> secretOf(@Nullable String clientId) {
		if (clientId == null) {
			return java.util.Optional.empty();
		}
		if (clientId.equals(this.clientId)) {
			return java.util.Optional.of(clientSecret);
		}
		return otherClients.stream()
			.filter(client -> client.clientId().equals(clientId))
			.map(OtherClient::clientSecret)
			.findFirst();
	}

	/** Another app registration, with a client secret. */
	public record OtherClient(String clientId, Secret clientSecret) {
	}

	/**
	 * Graph's throttling of the identity reports (sign-ins, directory audits; Learn's
	 * "service-specific throttling limits"): requests per app across all tenants and per
	 * app and tenant within a window; beyond them, 429 with Retry-After.
	 */
	public record GraphLimits(int perApp, int perTenant, java.time.Duration window) {

		public static final GraphLimits IDENTITY_REPORTS = new GraphLimits(122, 5, java.time.Duration.ofSeconds(10));

	}

	public TenantScenario tenant(String entraTenantId) {
		return tenants.stream()
			.filter(tenant -> tenant.tenantId().equalsIgnoreCase(entraTenantId))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No simulated tenant " + entraTenantId));
	}

	/**
	 * One simulated Entra tenant.
	 *
	 * @param history how long before the simulator's start the sign-in timeline begins
	 * @param duration how long the timeline runs; null for an open-ended, live stream
	 * @param lateShare share of sign-ins that become visible only {@code lateDelay} after
	 * they happened
	 * @param duplicateShare share of sign-ins Graph lists twice
	 * @param malformedEvery every n-th sign-in is sent with a broken createdDateTime (0:
	 * never)
	 * @param licensed false: the tenant has no Entra ID P1 and Graph answers 403
	 * @param consentRevoked true: the token endpoint refuses the app (AADSTS700016)
	 * @param permissions the application permissions its admin consented to (the token's
	 * {@code roles})
	 * @param refusesConsent true: its admin declines the admin-consent prompt
	 * @param riskLicensed true: the tenant has Entra ID P2, so Graph serves its risk
	 * detections (else 403)
	 * @param auditsPerHour the rate of everyday directory audits (admins and users at
	 * work)
	 */
	public record TenantScenario(String tenantId, String displayName, String domain, int users, Duration history,
			@Nullable Duration duration, double signInsPerMinute, double nonInteractiveShare, double lateShare,
			Duration lateDelay, double duplicateShare, int malformedEvery, boolean licensed, boolean consentRevoked,
			Faults faults, List<Attack> attacks, List<String> permissions, boolean refusesConsent, boolean riskLicensed,
			double auditsPerHour) {

		public TenantScenario(String tenantId, String displayName, String domain, int users, Duration history,
				@Nullable Duration duration, double signInsPerMinute, double nonInteractiveShare, double lateShare,
				Duration lateDelay, double duplicateShare, int malformedEvery, boolean licensed, boolean consentRevoked,
				Faults faults, List<Attack> attacks, List<String> permissions, boolean refusesConsent) {
			this(tenantId, displayName, domain, users, history, duration, signInsPerMinute, nonInteractiveShare,
					lateShare, lateDelay, duplicateShare, malformedEvery, licensed, consentRevoked, faults, attacks,
					permissions, refusesConsent, false, 6);
		}

		/**
		 * What Vigil asks for: sign-in logs, users, and the response actions (reference,
		 * section B).
		 */
		public static final List<String> ALL_PERMISSIONS = List.of("AuditLog.Read.All", "IdentityRiskEvent.Read.All",
				"User.Read.All", "User.RevokeSessions.All", "User.EnableDisableAccount.All",
				"User-PasswordProfile.ReadWrite.All", "UserAuthenticationMethod.ReadWrite.All",
				"MailboxSettings.ReadWrite", "Mail.ReadBasic.All");

		public TenantScenario {
			attacks = List.copyOf(attacks);
			permissions = List.copyOf(permissions);
		}

		public TenantScenario(String tenantId, String displayName, String domain, int users, Duration history,
				@Nullable Duration duration, double signInsPerMinute, double nonInteractiveShare, double lateShare,
				Duration lateDelay, double duplicateShare, int malformedEvery, boolean licensed, boolean consentRevoked,
				Faults faults, List<Attack> attacks) {
			this(tenantId, displayName, domain, users, history, duration, signInsPerMinute, nonInteractiveShare,
					lateShare, lateDelay, duplicateShare, malformedEvery, licensed, consentRevoked, faults, attacks,
					ALL_PERMISSIONS, false);
		}

		/** The same tenant, whose admin has since revoked the app's consent. */
		public TenantScenario withConsentRevoked() {
			return new TenantScenario(tenantId, displayName, domain, users, history, duration, signInsPerMinute,
					nonInteractiveShare, lateShare, lateDelay, duplicateShare, malformedEvery, licensed, true, faults,
					attacks, permissions, refusesConsent, riskLicensed, auditsPerHour);
		}

	}

	/**
	 * Failures on a schedule, counted per tenant over its sign-in list requests.
	 *
	 * @param throttleEvery every n-th request answers 429 with Retry-After (0: never)
	 * @param serverErrorEvery every n-th request answers 503 (0: never)
	 * @param timeoutEvery every n-th request answers only after {@code timeoutDelay} (0:
	 * never)
	 */
	public record Faults(int throttleEvery, int retryAfterSeconds, int serverErrorEvery, int timeoutEvery,
			Duration timeoutDelay) {

		public static final Faults NONE = new Faults(0, 2, 0, 0, Duration.ofSeconds(10));

	}

	/**
	 * Sign-ins of an attack, added to the tenant's normal traffic.
	 *
	 * @param at when the first one happens, from the timeline's start
	 * @param user index of the targeted user
	 */
	public record Attack(AttackKind kind, Duration at, int count, int user, Duration spacing) {
	}

	public enum AttackKind {

		/**
		 * Successful sign-ins from CloudFlare's published ranges (AiTM proxy on
		 * CloudFlare).
		 */
		CLOUDFLARE_SUCCESS,
		/**
		 * Successful sign-ins from AS13335 space outside the published ranges (Workers,
		 * WARP egress).
		 */
		AS13335_SUCCESS,
		/** Sign-ins with an axios user agent (credential replay kits). */
		AXIOS,
		/** One address failing passwords against many accounts. */
		PASSWORD_SPRAY,
		/** Repeated MFA prompts denied by the user, then one approved. */
		MFA_FATIGUE,
		/**
		 * One address failing passwords against many accounts, then one password that
		 * works: the sprayer signs in as the last account it tried.
		 */
		PASSWORD_SPRAY_SUCCESS,
		/**
		 * The user signs in at home, then the attacker, with the user's session or
		 * password, from a residential network on another continent minutes later.
		 */
		IMPOSSIBLE_TRAVEL

	}

	/** Reads a scenario from YAML (see {@code simulator/demo.yml}). */
	public static SimulatorScenario load(InputStream yaml) {
		Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		return ScenarioYaml.scenario(root);
	}

}
