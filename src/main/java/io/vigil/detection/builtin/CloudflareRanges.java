package io.vigil.detection.builtin;

import io.vigil.detection.DetectionSettings;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

	private final DetectionSettings.Cloudflare settings;

	private final HttpClient http;

	CloudflareRanges(DetectionSettings settings) {
		this.settings = settings.cloudflare();
		this.http = HttpClient.newBuilder().connectTimeout(this.settings.timeout()).build();
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
		try {
			var request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout()).GET().build();
			var response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				log.warn("CloudFlare ranges not refreshed: {} answered {}; keeping version {}", settings.url(),
						response.statusCode(), current.get().version());
				return false;
			}
			var networks = CloudflareNetworks.fromApiResponse(response.body());
			var previous = current.getAndSet(networks);
			if (!previous.version().equals(networks.version())) {
				log.info("CloudFlare ranges refreshed: {} ranges, version {}", networks.ranges().size(),
						networks.version());
			}
			return true;
		}
		catch (IOException | RuntimeException ex) {
			log.warn("CloudFlare ranges not refreshed from {} ({}); keeping version {}", settings.url(), ex.toString(),
					current.get().version());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Its connections and selector thread end with the application, not with the JVM. */
	@PreDestroy
	void closeHttp() {
		http.shutdownNow();
	}

}
