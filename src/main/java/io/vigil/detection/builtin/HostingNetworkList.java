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
 * The hosting networks RULE-1206 checks: the shipped snapshot until the configured list
 * has been fetched, then the snapshot plus that list, refreshed daily. A failed fetch, an
 * error answer or something that is no such list keeps what was there and says so in the
 * log.
 */
@Component
public class HostingNetworkList {

	private static final Logger log = LoggerFactory.getLogger(HostingNetworkList.class);

	/** A list of ASNs is a few hundred kilobytes; more is not one. */
	private static final int MAX_BYTES = 8 * 1024 * 1024;

	private final AtomicReference<HostingNetworks> current = new AtomicReference<>(HostingNetworks.snapshot());

	private final DetectionSettings.HostingNetworks settings;

	private final ListDownload download;

	HostingNetworkList(DetectionSettings settings) {
		this.settings = settings.hostingNetworks();
		this.download = new ListDownload("Hosting networks", this.settings.timeout(), MAX_BYTES,
				HttpClient.Redirect.NORMAL);
	}

	public HostingNetworks current() {
		return current.get();
	}

	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "${app.detection.hosting-networks.interval:PT24H}")
	void scheduledRefresh() {
		if (settings.refresh()) {
			refresh();
		}
	}

	/** Fetches the list; true when it was read and is now in use. */
	boolean refresh() {
		var url = settings.url();
		var networks = download.fetch(url,
				list -> HostingNetworks.withList(list, url + " at " + java.time.Instant.now()),
				current.get().version());
		networks.ifPresent(fetched -> {
			current.set(fetched);
			log.info("Hosting networks refreshed from {}: {} networks", url, fetched.size());
		});
		return networks.isPresent();
	}

	/** Its connections and selector thread end with the application, not with the JVM. */
	@PreDestroy
	void closeHttp() {
		download.close();
	}

}
