package io.vigil.detection.sigma;

import java.util.List;
import java.util.function.Predicate;

/** A compiled condition over the rule's searches, referenced by index. */
sealed interface Condition {

	boolean test(Event event, List<Predicate<Event>> searches);

	record Search(int index) implements Condition {

		@Override
		public boolean test(Event event, List<Predicate<Event>> searches) {
			return searches.get(index).test(event);
		}

	}

	record Not(Condition operand) implements Condition {

		@Override
		public boolean test(Event event, List<Predicate<Event>> searches) {
			return !operand.test(event, searches);
		}

	}

	record And(List<Condition> operands) implements Condition {

		@Override
		public boolean test(Event event, List<Predicate<Event>> searches) {
			for (var operand : operands) {
				if (!operand.test(event, searches)) {
					return false;
				}
			}
			return true;
		}

	}

	record Or(List<Condition> operands) implements Condition {

		@Override
		public boolean test(Event event, List<Predicate<Event>> searches) {
			for (var operand : operands) {
				if (operand.test(event, searches)) {
					return true;
				}
			}
			return false;
		}

	}

}
