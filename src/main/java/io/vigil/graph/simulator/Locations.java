package io.vigil.graph.simulator;

/** Where a simulated tenant's users are, and the residential provider they come from. */
final class Locations {

	record Home(String city, String state, String country, int asn, String prefix) {

		String address(int user) {
			return prefix + (1 + user / 250 % 250) + "." + (1 + user % 250);
		}

	}

	private static final Home[] HOMES = { new Home("Seattle", "Washington", "US", 7922, "73.97."),
			new Home("Manchester", "England", "GB", 2856, "81.132."),
			new Home("Utrecht", "Utrecht", "NL", 1136, "84.26."), new Home("Munich", "Bavaria", "DE", 3320, "84.150."),
			new Home("Toronto", "Ontario", "CA", 812, "99.224.") };

	private Locations() {
	}

	static Home home(String tenantId) {
		return HOMES[Math.floorMod(tenantId.hashCode(), HOMES.length)];
	}

}
