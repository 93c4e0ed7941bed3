package io.vigil.detection.sigma;

import java.util.List;
import java.util.Set;

import inet.ipaddr.IPAddress;

/**
 * Something a rule cannot match without, on one field: the field equals one of some
 * texts, or holds an address in one of some networks. Rule sets use it as an index, so an
 * event is evaluated only against the rules whose requirement it meets, plus the rules
 * without one.
 */
public sealed interface Requirement {

	/** The Sigma field as the rule names it. */
	String field();

	/**
	 * The same instance for every rule of a mapping that reads the field, so it is read
	 * once per event.
	 */
	FieldAccessor accessor();

	/** The field's folded (lower-case) text is one of {@code values}. */
	record Equals(String field, FieldAccessor accessor, Set<String> values) implements Requirement {

		public Equals {
			values = Set.copyOf(values);
		}

	}

	/**
	 * The field's folded (lower-case) text contains one of {@code literals} (lower-case,
	 * at least three characters): what {@code contains}, {@code startswith},
	 * {@code endswith} and anchored regular expressions need.
	 */
	record Contains(String field, FieldAccessor accessor, Set<String> literals) implements Requirement {

		public Contains {
			literals = Set.copyOf(literals);
		}

	}

	/** The field holds an address in one of {@code networks} (prefix blocks). */
	record InNetwork(String field, FieldAccessor accessor, List<IPAddress> networks) implements Requirement {

		public InNetwork {
			networks = List.copyOf(networks);
		}

	}

}
