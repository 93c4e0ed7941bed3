package io.vigil.detection;

import io.vigil.detection.builtin.HostingNetworks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.detection.*}.
 *
 * @param ruleDirectories extra Sigma rule folders loaded at start, besides the rules
 * Vigil ships
 * @param addressLookback how far back evidence looks for other accounts signing in from
 * the same address
 * @param pageBudget the longest one ingested page may be evaluated; past it the
 * evaluation fails (and is retried)
 * @param huntBudget the longest a retro-hunt (an upload's preview) may run; past it the
 * report says where it stopped
 * @param evaluationThreads platform threads for rule evaluation (0: one per core)
 */
@ConfigurationProperties("app.detection")
public record DetectionSettings(@DefaultValue List<Path> ruleDirectories, @DefaultValue("P7D") Duration addressLookback,
		@DefaultValue Cloudflare cloudflare, @DefaultValue("PT30S") Duration pageBudget,
		@DefaultValue("PT15S") Duration huntBudget, @DefaultValue("0") int evaluationThreads,
		@DefaultValue HostingNetworks hostingNetworks) {

	/**
	 * Refreshing the list of hosting and VPN networks (RULE-1206, evidence).
	 *
	 * @param refresh whether to fetch the list (off: the shipped snapshot only)
	 * @param url a list of autonomous systems, one {@code AS<number>} per line (X4BNet's
	 * data-centre list by default)
	 * @param interval how often to fetch it
	 */
	public record HostingNetworks(@DefaultValue("true") boolean refresh,
			@DefaultValue("https://raw.githubusercontent.com/X4BNet/lists_vpn/main/input/datacenter/ASN.txt") URI url,
			@DefaultValue("PT24H") Duration interval, @DefaultValue("PT10S") Duration timeout) {
	}

	/**
	 * Refreshing CloudFlare's published ranges.
	 *
	 * @param refresh whether to fetch the list (off: the shipped snapshot only)
	 * @param url CloudFlare's API list of ranges
	 * @param interval how often to fetch it
	 */
	public record Cloudflare(@DefaultValue("true") boolean refresh,
			@DefaultValue("https://api.cloudflare.com/client/v4/ips") URI url, @DefaultValue("PT24H") Duration interval,
			@DefaultValue("PT10S") Duration timeout) {
	}

}
