package io.vigil.detection.evaluation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vigil.detection.DetectionSettings;
import io.vigil.detection.builtin.AutonomousSystems;
import io.vigil.detection.builtin.CloudflareRanges;
import io.vigil.detection.builtin.HostingNetworkList;
import io.vigil.detection.rules.RuleMatch;
import io.vigil.detection.rules.SignInEvent;
import io.vigil.ingest.SignInLog;
import io.vigil.shared.ManagedTenantId;
import io.vigil.shared.OrganizationId;

import org.springframework.stereotype.Component;

/**
 * What an analyst wants to know about a matching sign-in at a glance: which parts of the
 * rule matched, and about its IP address the network (ASN and who runs it), whether it is
 * CloudFlare or a hosting network, the place, and how many other accounts of the tenant
 * and of the organization's other tenants signed in from it lately.
 */
@Component
class Evidence {

	private final SignInLog signIns;

	private final CloudflareRanges cloudflare;

	private final AutonomousSystems autonomousSystems = AutonomousSystems.snapshot();

	private final DetectionSettings settings;

	private final HostingNetworkList hosting;

	Evidence(SignInLog signIns, CloudflareRanges cloudflare, DetectionSettings settings, HostingNetworkList hosting) {
		this.hosting = hosting;
		this.signIns = signIns;
		this.cloudflare = cloudflare;
		this.settings = settings;
	}

	Map<String, Object> of(OrganizationId organization, ManagedTenantId tenant, RuleMatch match, String account,
			Instant now) {
		return of(organization, tenant, match.event(), match.rule().explain(match.event()), account, now);
	}

	/**
	 * @param matched which parts of the rule held
	 */
	Map<String, Object> of(OrganizationId organization, ManagedTenantId tenant, SignInEvent event,
			Map<String, Boolean> matched, String account, Instant now) {
		var evidence = new LinkedHashMap<String, Object>();
		evidence.put("matched", matched);
		put(evidence, "userAgent", event.text("userAgent"));
		put(evidence, "app", event.text("appDisplayName"));
		put(evidence, "clientApp", event.text("clientAppUsed"));
		put(evidence, "errorCode", event.errorCode());
		put(evidence, "authenticationRequirement", event.text("authenticationRequirement"));
		put(evidence, "conditionalAccessStatus", event.text("conditionalAccessStatus"));
		put(evidence, "riskLevelDuringSignIn", event.text("riskLevelDuringSignIn"));
		var ip = event.text("ipAddress");
		if (ip != null) {
			evidence.put("ip", address(organization, tenant, event, ip, account, now));
		}
		return evidence;
	}

	private Map<String, Object> address(OrganizationId organization, ManagedTenantId tenant, SignInEvent event,
			String ip, String account, Instant now) {
		var result = new LinkedHashMap<String, Object>();
		result.put("address", ip);
		var asn = event.autonomousSystemNumber();
		if (asn != null) {
			result.put("asn", asn);
			autonomousSystems.find(asn)
				.map(AutonomousSystems.AutonomousSystem::name)
				.or(() -> hosting.current().name(asn))
				.ifPresent(name -> result.put("asOrganization", name));
		}
		var networks = cloudflare.current();
		var isCloudflare = networks.contains(event.address()) || networks.ownsAutonomousSystem(asn);
		result.put("cloudflare", isCloudflare);
		result.put("hosting", isCloudflare || hosting.current().contains(asn));
		put(result, "country", event.country());
		if (event.member("location") instanceof Map<?, ?> location && location.get("city") != null) {
			result.put("city", String.valueOf(location.get("city")));
		}
		if (event.address() != null) {
			var activity = signIns.activityFrom(organization, tenant, account, ip,
					now.minus(settings.addressLookback()));
			result.put("otherAccountsInTenant", activity.otherAccountsInTenant());
			result.put("accountsInOtherTenants", activity.accountsInOtherTenants());
			result.put("otherTenants", activity.otherTenants());
		}
		return result;
	}

	private static void put(Map<String, Object> map, String key, @org.jspecify.annotations.Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
