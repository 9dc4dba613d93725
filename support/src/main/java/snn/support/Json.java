package snn.support;

import java.util.Map;
import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The one JSON mapper of the toolchain: {@code --json} output, report.json, sidecars and logs are Java
 * records written and read here. Record components become snake_case keys in declaration order
 * ({@code testAccuracyVote} is {@code test_accuracy_vote}); null components are left out; no HTML
 * escaping; NaN and infinities are written as such rather than refused.
 */
public final class Json {
    private static final Gson PRETTY = builder().setPrettyPrinting().create();
    private static final Gson COMPACT = builder().create();

    private Json() {
    }

    private static GsonBuilder builder() {
        return new GsonBuilder().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
                .disableHtmlEscaping().serializeSpecialFloatingPointValues();
    }

    public static String pretty(Object value) {
        return PRETTY.toJson(value);
    }

    public static String compact(Object value) {
        return COMPACT.toJson(value);
    }

    /**
     * One object holding the keys of each part in turn: e.g. a port and then a device's fields, where
     * both records are also written on their own elsewhere.
     */
    public static JsonObject concat(Object... parts) {
        JsonObject o = new JsonObject();
        for (Object p : parts) {
            JsonElement e = COMPACT.toJsonTree(p);
            if (e.isJsonObject()) {
                e.getAsJsonObject().entrySet().forEach(kv -> o.add(kv.getKey(), kv.getValue()));
            }
        }
        return o;
    }

    /** Reads a record (or any type) from JSON; missing keys leave components null (or 0 / false). */
    public static <T> T read(String text, Class<T> type) {
        try {
            return COMPACT.fromJson(text, type);
        } catch (RuntimeException e) {
            throw oneLine(e);
        }
    }

    /** Any JSON value as maps, lists, strings, Doubles and Booleans: for readers tolerant of shape (the report's device files). */
    public static Object parseValue(String text) {
        try {
            return COMPACT.fromJson(text, Object.class);
        } catch (RuntimeException e) {
            throw oneLine(e);
        }
    }

    /** A JSON object whose keys are not known in advance (a sweep's grid columns); numbers come back as Double. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        try {
            return COMPACT.fromJson(text, Map.class);
        } catch (RuntimeException e) {
            throw oneLine(e);
        }
    }

    /**
     * A parse error as one line for the user's message: the innermost cause's first line (Gson adds a
     * second line pointing to its troubleshooting page).
     */
    private static IllegalArgumentException oneLine(RuntimeException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return new IllegalArgumentException(nl < 0 ? m : m.substring(0, nl), e);
    }
}
