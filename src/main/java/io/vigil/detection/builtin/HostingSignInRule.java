package io.vigil.detection.builtin;

import io.vigil.detection.RuleMetadata;
import io.vigil.detection.rules.DetectionRule;
import io.vigil.detection.rules.SignInEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * RULE-1206: a successful interactive sign-in from a hosting, cloud or VPN network. AiTM
 * kits (Evilginx, Tycoon, EvilProxy) and credential replay run on rented servers, and a
 * person signs in from home, the office or a phone. CloudFlare is RULE-1143's, and
 * Microsoft's own network (Windows 365, Azure Virtual Desktop) is where many people work:
 * both are left out.
 */
public record HostingSignInRule(RuleMetadata metadata, Supplier<HostingNetworks> hosting,
		Supplier<CloudflareNetworks> cloudflare) implements DetectionRule {

	public static final String ID = "RULE-1206";

	/** Microsoft's network: cloud PCs and virtual desktops sign in from it all day. */
	private static final long MICROSOFT = 8075;

	@Override
	public boolean matches(SignInEvent event) {
		return !explain(event).containsValue(false);
	}

	@Override
	public Map<String, Boolean> explain(SignInEvent event) {
		var asn = event.autonomousSystemNumber();
		var result = new LinkedHashMap<String, Boolean>();
		result.put("successful", event.successful());
		result.put("interactive", interactive(event));
		result.put("hosting_network", hosting.get().contains(asn));
		result.put("not_cloudflare_or_microsoft",
				asn == null || !(asn == MICROSOFT || cloudflare.get().ownsAutonomousSystem(asn)));
		return result;
	}

	private static boolean interactive(SignInEvent event) {
		if (event.member("signInEventTypes") instanceof List<?> types && !types.isEmpty()) {
			return "interactiveUser".equals(String.valueOf(types.getFirst()));
		}
		return Boolean.TRUE.equals(event.member("isInteractive"));
	}

}
