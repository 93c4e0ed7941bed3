package io.vigil.notification;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may be delivered: an https URL whose host is, and resolves only to,
 * public addresses. An organization admin types the URL and Vigil posts to it from inside
 * the provider's network; without this check the URL could name the cloud's metadata
 * service, the database or anyone's intranet (server-side request forgery). Checked when
 * the URL is saved and again, on a fresh resolution, before every delivery, since a name
 * can be pointed elsewhere after it was saved. (The HTTP client resolves the name once
 * more when it connects; a name that changes within those milliseconds is the remaining
 * window, noted in docs/security.md.)
 */
@Component
class WebhookAddresses {

	/** Resolves a host name to its addresses, as the system's resolver does. */
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	/** Networks no webhook may reach, beyond what {@link InetAddress} already names. */
	private static final List<Network> RESERVED = List.of(Network.of("0.0.0.0", 8), Network.of("100.64.0.0", 10),
			Network.of("192.0.0.0", 24), Network.of("192.0.2.0", 24), Network.of("198.18.0.0", 15),
			Network.of("198.51.100.0", 24), Network.of("203.0.113.0", 24), Network.of("240.0.0.0", 4),
			Network.of("fc00::", 7), Network.of("2001:db8::", 32));

	/** NAT64's well-known prefix: the last four bytes are the IPv4 address reached. */
	private static final byte[] NAT64 = { 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };

	private final boolean allowLoopbackHttp;

	private final Resolver resolver;

	@Autowired
	WebhookAddresses(NotificationSettings settings) {
		this(settings.allowInsecureWebhooks(), InetAddress::getAllByName);
	}

	/**
	 * @param allowLoopbackHttp plain http to this machine, for tests and demos (never in
	 * production)
	 */
	WebhookAddresses(boolean allowLoopbackHttp, Resolver resolver) {
		this.allowLoopbackHttp = allowLoopbackHttp;
		this.resolver = resolver;
	}

	/**
	 * The URL as typed, checked before it is saved. A name that does not resolve now is
	 * accepted: it is checked again before each delivery.
	 * @throws IllegalArgumentException saying what is wrong with it
	 */
	URI saved(String url) {
		var target = parsed(url);
		try {
			requirePublic(target);
		}
		catch (UnknownHostException unknown) {
			if ("http".equalsIgnoreCase(target.getScheme())) {
				throw new IllegalArgumentException("A webhook URL starts with https://");
			}
			// checked again when there is something to deliver
		}
		return target;
	}

	/**
	 * Whether a saved URL may be delivered to now.
	 * @return why not, or null when it may
	 */
	@Nullable String refusal(URI target) {
		try {
			requirePublic(target);
			return null;
		}
		catch (UnknownHostException unknown) {
			return "the receiver's host " + target.getHost() + " cannot be found";
		}
		catch (IllegalArgumentException refused) {
			return "not delivered: " + refused.getMessage();
		}
	}

	private URI parsed(String url) {
		URI target;
		try {
			target = URI.create(url.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("That is not a URL");
		}
		var https = "https".equalsIgnoreCase(target.getScheme());
		var loopbackHttp = allowLoopbackHttp && "http".equalsIgnoreCase(target.getScheme());
		if (target.getHost() == null || !(https || loopbackHttp) || target.getUserInfo() != null) {
			throw new IllegalArgumentException("A webhook URL starts with https://");
		}
		return target;
	}

	private void requirePublic(URI target) throws UnknownHostException {
		var host = target.getHost();
		var addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
		var http = "http".equalsIgnoreCase(target.getScheme());
		for (var address : addresses) {
			if (allowLoopbackHttp && address.isLoopbackAddress()) {
				continue;
			}
			if (http) {
				throw new IllegalArgumentException("A webhook URL starts with https://");
			}
			if (!isPublic(address)) {
				throw new IllegalArgumentException(
						host + " is not a public internet address: webhooks go to services on the internet only");
			}
		}
	}

	static boolean isPublic(InetAddress address) {
		var ipv4 = address instanceof Inet6Address v6 ? embeddedIpv4(v6) : address;
		if (ipv4 != address) {
			return isPublic(ipv4);
		}
		return !(address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()
				|| RESERVED.stream().anyMatch(network -> network.contains(address)));
	}

	/**
	 * The IPv4 address an IPv4-mapped, -compatible or NAT64 IPv6 address carries, or
	 * itself.
	 */
	private static InetAddress embeddedIpv4(Inet6Address address) {
		var bytes = address.getAddress();
		var prefixZero = Arrays.equals(Arrays.copyOf(bytes, 10), new byte[10]);
		var mapped = prefixZero && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
		var compatible = prefixZero && bytes[10] == 0 && bytes[11] == 0
				&& !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && (bytes[15] == 0 || bytes[15] == 1));
		var nat64 = Arrays.equals(Arrays.copyOf(bytes, 12), NAT64);
		if (!mapped && !compatible && !nat64) {
			return address;
		}
		try {
			return Inet4Address.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
		}
		catch (UnknownHostException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	private record Network(byte[] prefix, int bits) {

		static Network of(String address, int bits) {
			try {
				return new Network(InetAddress.getByName(address).getAddress(), bits);
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException(address, ex);
			}
		}

		boolean contains(InetAddress address) {
			var bytes = address.getAddress();
			if (bytes.length != prefix.length) {
				return false;
			}
			for (int bit = 0; bit < bits; bit++) {
				var mask = 0x80 >>> (bit % 8);
				if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}
