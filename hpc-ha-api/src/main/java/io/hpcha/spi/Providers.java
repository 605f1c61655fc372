package io.hpcha.spi;

import io.hpcha.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds {@link Provider}s through {@link ServiceLoader}. A provider that is missing, or registered
 * twice under the same type and name, is a {@link ConfigurationException} that lists what is
 * available: never a silent no-op. Thread-safe; every call loads afresh from the given class loader.
 */
public final class Providers {
    private Providers() {
    }

    /** Every provider visible to the context class loader. */
    public static List<Provider<?>> all() {
        return all(Thread.currentThread().getContextClassLoader());
    }

    /** Every provider visible to {@code loader}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static List<Provider<?>> all(ClassLoader loader) {
        List<Provider<?>> found = new ArrayList<>();
        for (Provider p : ServiceLoader.load(Provider.class, loader)) {
            found.add(p);
        }
        return List.copyOf(found);
    }

    /** The one provider of {@code type} named {@code name}. */
    public static <T> Provider<T> find(Class<T> type, String name) {
        return find(all(), type, name);
    }

    /** Creates a {@code type} with the provider named {@code name}. */
    public static <T> T create(Class<T> type, String name, ProviderContext context) {
        return find(type, name).create(context);
    }

    /** The one provider of {@code type} named {@code name} among {@code candidates}. */
    @SuppressWarnings("unchecked")
    public static <T> Provider<T> find(List<Provider<?>> candidates, Class<T> type, String name) {
        List<Provider<?>> ofType = candidates.stream().filter(p -> p.type().equals(type)).toList();
        List<Provider<?>> named = ofType.stream().filter(p -> p.name().equals(name)).toList();
        if (named.isEmpty()) {
            throw new ConfigurationException("no " + type.getSimpleName() + " provider named '" + name
                    + "'; available: " + names(ofType) + " (is the backend's jar on the class path?)");
        }
        if (named.size() > 1) {
            throw new ConfigurationException("ambiguous " + type.getSimpleName() + " provider '" + name + "': "
                    + named.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", ")));
        }
        return (Provider<T>) named.get(0);
    }

    private static String names(List<Provider<?>> providers) {
        return providers.isEmpty() ? "none" : providers.stream().map(Provider::name).sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
