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

	/**
	 * Where the cities the simulator uses are (latitude, longitude), as Graph reports
	 * them.
	 */
	private static final java.util.Map<String, double[]> COORDINATES = java.util.Map.ofEntries(
			java.util.Map.entry("Seattle", new double[] { 47.6062, -122.3321 }),
			java.util.Map.entry("Manchester", new double[] { 53.4808, -2.2426 }),
			java.util.Map.entry("Utrecht", new double[] { 52.0907, 5.1214 }),
			java.util.Map.entry("Munich", new double[] { 48.1351, 11.582 }),
			java.util.Map.entry("Toronto", new double[] { 43.6532, -79.3832 }),
			java.util.Map.entry("Amsterdam", new double[] { 52.3676, 4.9041 }),
			java.util.Map.entry("Frankfurt", new double[] { 50.1109, 8.6821 }),
			java.util.Map.entry("Singapore", new double[] { 1.3521, 103.8198 }),
			java.util.Map.entry("Bucharest", new double[] { 44.4268, 26.1025 }),
			java.util.Map.entry("Sofia", new double[] { 42.6977, 23.3219 }),
			java.util.Map.entry("Sao Paulo", new double[] { -23.5505, -46.6333 }));

	private Locations() {
	}

	static double @org.jspecify.annotations.Nullable [] coordinates(String city) {
		return COORDINATES.get(city);
	}

	static Home home(String tenantId) {
		return HOMES[Math.floorMod(tenantId.hashCode(), HOMES.length)];
	}

}
