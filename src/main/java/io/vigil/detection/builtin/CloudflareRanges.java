package io.vigil.detection.builtin;

import io.vigil.detection.DetectionSettings;

import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The CloudFlare ranges RULE-1143 checks: the shipped snapshot until CloudFlare's list
 * has been fetched, then the latest list. A failed fetch (no network, an error answer)
 * keeps what was there and says so in the log.
 */
@Component
public class CloudflareRanges {

	private static final Logger log = LoggerFactory.getLogger(CloudflareRanges.class);

	private final AtomicReference<CloudflareNetworks> current = new AtomicReference<>(CloudflareNetworks.snapshot());

	/** CloudFlare's list is a few kilobytes; more is not it. */
	private static final int MAX_BYTES = 1024 * 1024;

	private final DetectionSettings.Cloudflare settings;

	private final ListDownload download;

	CloudflareRanges(DetectionSettings settings) {
		this.settings = settings.cloudflare();
		this.download = new ListDownload("CloudFlare ranges", this.settings.timeout(), MAX_BYTES,
				HttpClient.Redirect.NEVER);
	}

	public CloudflareNetworks current() {
		return current.get();
	}

	@Scheduled(initialDelayString = "PT5S", fixedDelayString = "${app.detection.cloudflare.interval:PT24H}")
	void scheduledRefresh() {
		if (settings.refresh()) {
			refresh();
		}
	}

	/** Fetches CloudFlare's list; true when it was read and is now in use. */
	boolean refresh() {
		var networks = download.fetch(settings.url(), CloudflareNetworks::fromApiResponse,
				"version " + current.get().version());
		networks.ifPresent(fetched -> {
			var previous = current.getAndSet(fetched);
			if (!previous.version().equals(fetched.version())) {
				log.info("CloudFlare ranges refreshed: {} ranges, version {}", fetched.ranges().size(),
						fetched.version());
			}
		});
		return networks.isPresent();
	}

	/** Its connections and selector thread end with the application, not with the JVM. */
	@PreDestroy
	void closeHttp() {
		download.close();
	}

}
