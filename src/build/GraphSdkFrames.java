import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.ClassWriter;
import org.springframework.asm.FieldVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;

/**
 * The last step of shrinking the Graph SDK (see graph-sdk.pro): ProGuard decides which
 * classes and members stay, without preverifying (which took a minute and a half of the
 * build to recompute stack maps for code it does not change). This writes each kept class
 * from Microsoft's original bytes, with only the members ProGuard kept: the code and its
 * stack maps are Microsoft's, byte for byte. The class header (super class, interfaces)
 * and its references to other classes (inner and nest classes) are ProGuard's, as those
 * name only classes that stay. Run with Spring's repackaged ASM on the class path:
 * {@code java -cp spring-core.jar GraphSdkFrames.java original.jar shrunk.jar out.jar
 * dependencies}, the last being the class path the SDK runs on, for the check that
 * every written class loads.
 */
public class GraphSdkFrames {

	public static void main(String[] args) throws IOException {
		write(args[0], args[1], args[2]);
		verify(Path.of(args[2]), args[3]);
	}

	static void write(String originalJar, String shrunkJar, String outJar) throws IOException {
		try (var original = new ZipFile(originalJar); var shrunk = new ZipFile(shrunkJar);
				var out = new ZipOutputStream(Files.newOutputStream(Path.of(outJar)))) {
			for (var entry : java.util.Collections.list(shrunk.entries())) {
				var bytes = shrunk.getInputStream(entry).readAllBytes();
				var source = original.getEntry(entry.getName());
				if (entry.getName().endsWith(".class") && source != null) {
					bytes = withOriginalCode(original.getInputStream(source).readAllBytes(), bytes);
				}
				out.putNextEntry(new ZipEntry(entry.getName()));
				out.write(bytes);
				out.closeEntry();
			}
		}
	}

	/**
	 * Loads and links every class of the written jar (on the SDK's own dependencies), so
	 * that a class the JVM would refuse fails the build, not a customer's first response
	 * action.
	 */
	static void verify(Path jar, String dependencies) throws IOException {
		var urls = new java.util.ArrayList<java.net.URL>();
		urls.add(jar.toUri().toURL());
		for (var path : dependencies.split(java.io.File.pathSeparator)) {
			urls.add(Path.of(path).toUri().toURL());
		}
		var refused = new java.util.ArrayList<String>();
		int loaded = 0;
		try (var classes = new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new), null);
				var zip = new ZipFile(jar.toFile())) {
			for (var entry : java.util.Collections.list(zip.entries())) {
				var name = entry.getName();
				if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
					continue;
				}
				try {
					Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), true, classes);
					loaded++;
				}
				catch (VerifyError | ClassFormatError ex) {
					refused.add(name + ": " + ex.getMessage());
				}
				catch (LinkageError | ReflectiveOperationException | RuntimeException ex) {
					// a class that needs an optional library Vigil does not ship (it never reaches it)
				}
			}
		}
		if (!refused.isEmpty()) {
			throw new IllegalStateException(refused.size() + " classes refused by the JVM, first: " + refused.getFirst());
		}
		System.out.println("GraphSdkFrames: " + loaded + " classes written and verified");
	}

	/** The original class with only what the shrunk one kept. */
	static byte[] withOriginalCode(byte[] original, byte[] shrunk) {
		var kept = new Kept();
		new ClassReader(shrunk).accept(kept, ClassReader.SKIP_CODE);
		var writer = new ClassWriter(0);
		new ClassReader(original).accept(new ClassVisitor(Opcodes.ASM9, writer) {

			@Override
			public void visit(int version, int access, String name, String signature, String superName,
					String[] interfaces) {
				super.visit(version, access, name, signature, kept.superName, kept.interfaces);
			}

			@Override
			public FieldVisitor visitField(int access, String name, String descriptor, String signature,
					Object value) {
				return kept.members.contains(name + descriptor)
						? super.visitField(access, name, descriptor, signature, value) : null;
			}

			@Override
			public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
					String[] exceptions) {
				return kept.members.contains(name + descriptor)
						? super.visitMethod(access, name, descriptor, signature, exceptions) : null;
			}

			@Override
			public void visitInnerClass(String name, String outerName, String innerName, int access) {
				if (kept.classes.contains(name)) {
					super.visitInnerClass(name, outerName, innerName, access);
				}
			}

			@Override
			public void visitNestMember(String nestMember) {
				if (kept.classes.contains(nestMember)) {
					super.visitNestMember(nestMember);
				}
			}

			@Override
			public void visitPermittedSubclass(String permittedSubclass) {
				if (kept.classes.contains(permittedSubclass)) {
					super.visitPermittedSubclass(permittedSubclass);
				}
			}

		}, 0);
		return writer.toByteArray();
	}

	/** What ProGuard kept of one class. */
	static final class Kept extends ClassVisitor {

		final Set<String> members = new HashSet<>();

		final Set<String> classes = new HashSet<>();

		String superName;

		String[] interfaces;

		Kept() {
			super(Opcodes.ASM9);
		}

		@Override
		public void visit(int version, int access, String name, String signature, String superName,
				String[] interfaces) {
			this.superName = superName;
			this.interfaces = interfaces;
		}

		@Override
		public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
			members.add(name + descriptor);
			return null;
		}

		@Override
		public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
				String[] exceptions) {
			members.add(name + descriptor);
			return null;
		}

		@Override
		public void visitInnerClass(String name, String outerName, String innerName, int access) {
			classes.add(name);
		}

		@Override
		public void visitNestMember(String nestMember) {
			classes.add(nestMember);
		}

		@Override
		public void visitPermittedSubclass(String permittedSubclass) {
			classes.add(permittedSubclass);
		}

	}

}
