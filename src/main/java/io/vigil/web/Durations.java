package io.vigil.web;

import java.time.Duration;

/**
 * A duration as pages show it, in its largest sensible unit: "850 ms", "12 s", "7 min",
 * "2 h 5 min", "3 d 4 h".
 */
public final class Durations {

	private Durations() {
	}

	public static String humane(Duration duration) {
		if (duration.toSeconds() < 1) {
			return duration.toMillis() + " ms";
		}
		if (duration.toMinutes() < 1) {
			return duration.toSeconds() + " s";
		}
		if (duration.toHours() < 1) {
			return duration.toMinutes() + " min";
		}
		return duration.toDays() < 1 ? duration.toHours() + " h " + duration.toMinutesPart() + " min"
				: duration.toDays() + " d " + duration.toHoursPart() + " h";
	}

}
