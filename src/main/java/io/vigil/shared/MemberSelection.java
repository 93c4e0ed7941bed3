package io.vigil.shared;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Which top-level members of a Graph record a reader turns into its tree: every member,
 * or only those the loaded rules and the reader itself look at. A sign-in record is 3-12
 * KB, mostly lists (conditional access policies, authentication steps) that few rules
 * read; skipping what nobody reads saves the tree's building and the memory it holds
 * until detection. A tree read with a selection knows it ({@link RecordTree#holds}), so a
 * reader asking for a member left out parses the whole record instead of taking the
 * member for absent.
 */
public final class MemberSelection {

	/** Every member. */
	public static final MemberSelection ALL = new MemberSelection(null);

	/** Null for every member. */
	private final @Nullable Set<String> names;

	private MemberSelection(@Nullable Set<String> names) {
		this.names = names;
	}

	/** Only these members (exact names, as Graph writes them). */
	public static MemberSelection of(Collection<String> names) {
		return new MemberSelection(Set.copyOf(names));
	}

	public boolean includes(String name) {
		return names == null || names.contains(name);
	}

	/** Whether every member is selected. */
	public boolean all() {
		return names == null;
	}

	/** The members of this selection and of the other. */
	public MemberSelection with(MemberSelection other) {
		if (names == null || other.names == null) {
			return ALL;
		}
		var both = new java.util.HashSet<>(names);
		both.addAll(other.names);
		return new MemberSelection(Set.copyOf(both));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof MemberSelection selection && java.util.Objects.equals(names, selection.names);
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hashCode(names);
	}

	@Override
	public String toString() {
		return names == null ? "every member" : String.join(", ", new TreeSet<>(names));
	}

}
