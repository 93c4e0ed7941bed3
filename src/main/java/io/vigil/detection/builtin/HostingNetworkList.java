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

	private final HttpClient http;

	HostingNetworkList(DetectionSettings settings) {
		this.settings = settings.hostingNetworks();
		this.http = HttpClient.newBuilder()
			.connectTimeout(this.settings.timeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
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
		try {
			var request = HttpRequest.newBuilder(url).timeout(settings.timeout()).GET().build();
			var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (var body = response.body()) {
				if (response.statusCode() != 200) {
					log.warn("Hosting networks not refreshed: {} answered {}; keeping {}", url, response.statusCode(),
							current.get().version());
					return false;
				}
				var bytes = body.readNBytes(MAX_BYTES + 1);
				if (bytes.length > MAX_BYTES) {
					throw new IllegalArgumentException("the answer is larger than " + MAX_BYTES + " bytes");
				}
				var networks = HostingNetworks.withList(new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
						url + " at " + java.time.Instant.now());
				current.set(networks);
				log.info("Hosting networks refreshed from {}: {} networks", url, networks.size());
				return true;
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Hosting networks not refreshed from {} ({}); keeping {}", url, ex.toString(),
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
