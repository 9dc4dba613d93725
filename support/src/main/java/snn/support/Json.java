package snn.support;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.Map;

/** JSON output for {@code --json}: one object, keys in insertion order, no HTML escaping. */
public final class Json {
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();
    private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private Json() {
    }

    public static String pretty(Object value) {
        return PRETTY.toJson(value);
    }

    public static String compact(Object value) {
        return COMPACT.toJson(value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        return COMPACT.fromJson(text, Map.class);
    }
}
