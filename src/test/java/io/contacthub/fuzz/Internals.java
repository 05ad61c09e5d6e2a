package io.contacthub.fuzz;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The harnesses live in their own package (they are run on their own by the {@code fuzz} profile),
 * while the parsers they drive are package-private beans of their channel. This opens those
 * package-private constructors and methods through private lookups, once per harness class. A renamed
 * or re-typed member fails the harness at class initialisation, not silently.
 *
 * <p>Method handles rethrow what the target throws, unwrapped (no InvocationTargetException), so a
 * harness sees exactly the exception the production caller would.
 */
final class Internals {

    private Internals() {
    }

    static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("fuzz harness is out of date: " + name + " not found", e);
        }
    }

    static MethodHandle constructor(String className, Class<?>... parameters) {
        Class<?> type = type(className);
        try {
            return lookup(type).findConstructor(type, MethodType.methodType(void.class, parameters));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("fuzz harness is out of date: constructor of " + className, e);
        }
    }

    static MethodHandle method(String className, String name, Class<?> returns, Class<?>... parameters) {
        Class<?> type = type(className);
        try {
            return lookup(type).findVirtual(type, name, MethodType.methodType(returns, parameters));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("fuzz harness is out of date: " + className + "#" + name, e);
        }
    }

    private static MethodHandles.Lookup lookup(Class<?> type) throws IllegalAccessException {
        return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
    }

    /** Runs a method handle call; what the target throws passes through unchanged. */
    @SuppressWarnings("unchecked")
    static <T> T call(Invocation invocation) {
        try {
            return (T) invocation.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            // No parser method driven here declares a checked exception; if one appears, it is a finding.
            throw new AssertionError("checked exception escaped: " + checked, checked);
        }
    }

    @FunctionalInterface
    interface Invocation {
        Object run() throws Throwable;
    }
}
