package io.vigil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time of a process and its children, read from Linux's {@code /proc}: user plus
 * system time of the process, of its live children, and of the children it has reaped. A
 * PostgreSQL server is a postmaster with one child per connection and worker, so its
 * figure is the whole server's. Process CPU time, unlike wall-clock time, holds on a
 * noisy machine.
 */
public final class ProcessCpu {

	private static final double TICKS_PER_SECOND = 100.0;

	private ProcessCpu() {
	}

	/** The CPU time of the process tree rooted at {@code pid} so far. */
	public static Duration of(long pid) {
		var ticks = ticks(pid, true);
		try (var processes = Files.list(Path.of("/proc"))) {
			for (var entry : (Iterable<Path>) processes::iterator) {
				var name = entry.getFileName().toString();
				if (name.chars().allMatch(Character::isDigit) && parent(Long.parseLong(name)) == pid) {
					ticks += ticks(Long.parseLong(name), false);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Duration.ofNanos((long) (ticks / TICKS_PER_SECOND * 1e9));
	}

	/**
	 * The CPU time of each of the process's threads so far, summed by thread name with
	 * its digits dropped ("GC Thread#0" and "GC Thread#1" are "GC Thread#"): where a
	 * JVM's time goes, the collector's and the JIT's threads included, which a sampling
	 * profiler does not see. Linux keeps 15 characters of a thread's name.
	 */
	public static java.util.Map<String, Duration> threads(long pid) {
		var byName = new java.util.TreeMap<String, Duration>();
		try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			for (var task : (Iterable<Path>) tasks::iterator) {
				try {
					var stat = Files.readString(task.resolve("stat"));
					var name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "");
					var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					var ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					byName.merge(name, Duration.ofNanos((long) (ticks / TICKS_PER_SECOND * 1e9)), Duration::plus);
				}
				catch (IOException ex) {
					// the thread ended while listed
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return byName;
	}

	/**
	 * The process id of a local PostgreSQL server: the first line of
	 * {@code postmaster.pid} in its data directory.
	 */
	public static long postgresServer(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		var directory = jdbc.sql("select current_setting('data_directory')").query(String.class).single();
		try {
			return Long.parseLong(Files.readAllLines(Path.of(directory, "postmaster.pid")).getFirst().strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The parent process id of {@code pid}, or -1 when it has gone. */
	public static long parent(long pid) {
		var fields = fields(pid);
		return fields == null ? -1 : Long.parseLong(fields[1]);
	}

	private static long ticks(long pid, boolean withReaped) {
		var fields = fields(pid);
		if (fields == null) {
			return 0;
		}
		// after "(comm)": state ppid ... utime(14) stime(15) cutime(16) cstime(17),
		// counted from the state field at index 0 here as 11, 12, 13, 14
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		if (withReaped) {
			ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
		}
		return ticks;
	}

	private static String[] fields(long pid) {
		try {
			var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		}
		catch (IOException ex) {
			return null;
		}
	}

}
