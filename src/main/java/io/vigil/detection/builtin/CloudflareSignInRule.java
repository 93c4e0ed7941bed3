package io.vigil.detection.builtin;

import io.vigil.detection.RuleMetadata;
import io.vigil.detection.rules.DetectionRule;
import io.vigil.detection.rules.SignInEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * RULE-1143: a successful sign-in from CloudFlare infrastructure, the mark of an
 * adversary-in-the-middle phishing proxy (often on CloudFlare Workers) relaying the
 * victim's password and MFA and keeping the session cookie.
 */
public record CloudflareSignInRule(RuleMetadata metadata,
		Supplier<CloudflareNetworks> networks) implements DetectionRule {

	static final String ID = "RULE-1143";

	@Override
	public boolean matches(SignInEvent event) {
		if (!event.successful()) {
			return false;
		}
		var cloudflare = networks.get();
		return cloudflare.ownsAutonomousSystem(event.autonomousSystemNumber()) || cloudflare.contains(event.address());
	}

	@Override
	public Map<String, Boolean> explain(SignInEvent event) {
		var cloudflare = networks.get();
		var result = new LinkedHashMap<String, Boolean>();
		result.put("successful", event.successful());
		result.put("cloudflare_range", cloudflare.contains(event.address()));
		result.put("cloudflare_asn", cloudflare.ownsAutonomousSystem(event.autonomousSystemNumber()));
		return result;
	}

}
