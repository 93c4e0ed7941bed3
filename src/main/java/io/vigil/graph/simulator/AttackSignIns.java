package io.vigil.graph.simulator;

import java.util.ArrayList;
import java.util.List;

import io.vigil.graph.simulator.SimulatorScenario.Attack;
import io.vigil.graph.simulator.SimulatorScenario.AttackKind;

/** The sign-ins of a tenant's scripted attacks, placed on its timeline. */
final class AttackSignIns {

	private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

	private final SignInTimeline timeline;

	AttackSignIns(SignInTimeline timeline) {
		this.timeline = timeline;
	}

	List<SimSignIn> all() {
		var result = new ArrayList<SimSignIn>();
		var attacks = timeline.tenant().attacks();
		for (int a = 0; a < attacks.size(); a++) {
			for (int j = 0; j < attacks.get(a).count(); j++) {
				result.add(signIn(attacks.get(a), a, j));
			}
		}
		return List.copyOf(result);
	}

	private SimSignIn signIn(Attack attack, int a, int j) {
		var users = timeline.users();
		var user = users.get(Math.floorMod(attack.user(), users.size()));
		var created = timeline.attackTime(attack, j);
		var id = timeline.uuid("attack-" + a, j);
		return switch (attack.kind()) {
			case CLOUDFLARE_SUCCESS -> success(id, created, user,
					j % 2 == 0 ? "104.16." + (10 + a) + "." + (20 + j)
							: "2606:4700:4400::" + Integer.toHexString(a * 256 + j + 1),
					13335, "Amsterdam", "North Holland", "NL", BROWSER);
			case AS13335_SUCCESS -> success(id, created, user, "104.28." + (30 + a) + "." + (40 + j), 13335,
					"Frankfurt", "Hesse", "DE", BROWSER);
			case AXIOS -> outcome(id, created, user, "45.61." + (140 + a) + "." + (10 + j), 14061, "Singapore",
					"Singapore", "SG", "axios/1.7.9", j % 2 == 0 ? 0 : 50126);
			case PASSWORD_SPRAY -> outcome(id, created, users.get(Math.floorMod(attack.user() + j, users.size())),
					"185.220.101." + (10 + a), 208294, "Bucharest", "Bucharest", "RO", BROWSER, 50126);
			case PASSWORD_SPRAY_SUCCESS -> outcome(id, created,
					users.get(Math.floorMod(attack.user() + j, users.size())), "185.220.101." + (10 + a), 208294,
					"Bucharest", "Bucharest", "RO", BROWSER, j == attack.count() - 1 ? 0 : 50126);
			case IMPOSSIBLE_TRAVEL -> j % 2 == 0
					? success(id, created, user, user.homeIp(), user.homeAsn(), user.city(), user.state(),
							user.country(), BROWSER)
					: success(id, created, user, "177.92." + (20 + a) + "." + (10 + j), 28573, "Sao Paulo", "Sao Paulo",
							"BR", BROWSER);
			case MFA_FATIGUE -> outcome(id, created, user, "91.132." + (50 + a) + ".17", 9009, "Sofia", "Sofia City",
					"BG", BROWSER, j == attack.count() - 1 ? 0 : 500121);
		};
	}

	/**
	 * The accounts the tenant's attacks took over: who, when the attacker got in and from
	 * where, earliest first per account.
	 */
	static List<Takeover> takeovers(SignInTimeline timeline) {
		var users = timeline.users();
		var attacks = timeline.tenant().attacks();
		var result = new ArrayList<Takeover>();
		var signIns = timeline.attacks();
		int offset = 0;
		for (int a = 0; a < attacks.size(); a++) {
			var attack = attacks.get(a);
			var last = attack.count() - 1;
			var victim = switch (attack.kind()) {
				case CLOUDFLARE_SUCCESS, AS13335_SUCCESS, AXIOS, MFA_FATIGUE -> 0;
				case IMPOSSIBLE_TRAVEL -> attack.count() > 1 ? 1 : -1;
				case PASSWORD_SPRAY_SUCCESS -> last;
				case PASSWORD_SPRAY -> -1;
			};
			if (victim >= 0 && attack.count() > 0) {
				var signIn = signIns.get(offset + (attack.kind() == AttackKind.MFA_FATIGUE ? last : victim));
				if (result.stream().noneMatch(t -> t.user().id().equals(signIn.user().id()))) {
					result.add(new Takeover(signIn.user(), signIn.created(), signIn.ipAddress(), attack.kind(), a));
				}
			}
			offset += attack.count();
		}
		return List.copyOf(result);
	}

	/** An account an attack took over, at the attacker's first successful sign-in. */
	record Takeover(SimUser user, java.time.Instant at, String ipAddress, AttackKind kind, int attack) {
	}

	private SimSignIn success(String id, java.time.Instant created, SimUser user, String ip, int asn, String city,
			String state, String country, String userAgent) {
		return outcome(id, created, user, ip, asn, city, state, country, userAgent, 0);
	}

	private SimSignIn outcome(String id, java.time.Instant created, SimUser user, String ip, int asn, String city,
			String state, String country, String userAgent, int errorCode) {
		return new SimSignIn(id, created, created, "interactiveUser", 1, false, user, ip, asn, city, state, country,
				userAgent, "Browser", errorCode, Outcomes.failureReason(errorCode),
				Outcomes.additionalDetails(errorCode), "multiFactorAuthentication", errorCode == 0 ? "medium" : "none",
				4, 0);
	}

}
