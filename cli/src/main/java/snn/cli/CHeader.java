package snn.cli;

import java.util.Locale;
import java.util.Set;
import snn.support.Hex;
import snn.support.Sha256;

/**
 * Renders bytes as a C header and source pair for firmware that compiles the model in, the way
 * TensorFlow Lite Micro's generate_cc_arrays does: the header only declares, the source defines, so
 * the image is in flash once however many files include the header. For {@code name} "model":
 *
 * <pre>
 * model.h:  #ifndef MODEL_H / #define MODEL_H
 *           #define MODEL_LEN 1234u
 *           #define MODEL_SHA256 "3f5a..."                        (64 lowercase hex digits)
 *           extern const unsigned char model[MODEL_LEN];
 *           extern const unsigned int model_len;
 *           extern const unsigned char model_sha256[32];         (the same digest as bytes)
 *           #endif
 * model.c:  #include "model.h"
 *           MODEL_ALIGNED const unsigned char model[MODEL_LEN] = {0x53, ...};   (4-byte aligned)
 *           const unsigned int model_len = MODEL_LEN;
 *           const unsigned char model_sha256[32] = {...};
 * </pre>
 * The array is 4-byte aligned (the image's 32-bit fields are read in place): GCC and Clang's
 * {@code __attribute__((aligned(4)))}, MSVC's {@code __declspec(align(4))}, else C11's {@code _Alignas(4)}.
 */
final class CHeader {
    /** C keywords up to C23 (without the reserved _Xxx forms, which {@link #problem} refuses anyway). */
    static final Set<String> KEYWORDS = Set.of("auto", "break", "case", "char", "const", "continue",
            "default", "do", "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int",
            "long", "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch",
            "typedef", "union", "unsigned", "void", "volatile", "while", "bool", "true", "false", "alignas", "alignof",
            "constexpr", "nullptr", "static_assert", "thread_local", "typeof", "typeof_unqual");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CHeader() {
    }

    /**
     * A C identifier from a file name: the part before the first dot, every character other than
     * a letter, digit or underscore turned into an underscore, prefixed with "m_" when it would not be
     * a usable name (empty, a leading digit or underscore, a keyword). "model-8bit.h" gives
     * "model_8bit", "8.h" gives "m_8", ".h" gives "m__h".
     */
    static String identifier(String fileName) {
        String base = fileName;
        int dot = base.indexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        String id = b.toString();
        if (problem(id) != null) {
            id = "m_" + id;
        }
        return id;
    }

    /**
     * Why {@code id} cannot name the array (its definitions would not compile, or would take a name
     * the C standard reserves), or null when it can. The array and its companions have external
     * linkage at file scope, where every name that starts with an underscore is reserved (C11 7.1.3).
     */
    static String problem(String id) {
        if (id.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return "has the character '" + (c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c))
                        + "' at " + i + ": a C identifier has only letters A-Z a-z, digits and _";
            }
        }
        if (id.charAt(0) >= '0' && id.charAt(0) <= '9') {
            return "starts with a digit: a C identifier starts with a letter";
        }
        if (id.charAt(0) == '_') {
            return "starts with an underscore: such names are reserved at file scope (C11 7.1.3); start with a letter";
        }
        if (KEYWORDS.contains(id)) {
            return "is a C keyword: the header would not compile";
        }
        if (id.equals("main")) {
            return "is the program's entry point: the array would clash with main()";
        }
        return null;
    }

    /** The header: macros and extern declarations only. */
    static String header(int length, byte[] digest, String name, String sourceName, String cName) {
        String upper = name.toUpperCase(Locale.ROOT);
        String guard = upper + "_H";
        return comment(sourceName, length) + " * Declarations only: the bytes are defined in " + cName
                + "; compile and link that file once. */\n"
                + "#ifndef " + guard + "\n"
                + "#define " + guard + "\n\n"
                + "#define " + upper + "_LEN " + length + "u\n"
                + "#define " + upper + "_SHA256 \"" + Hex.encode(digest) + "\"\n\n"
                + "/* The bytes, 4-byte aligned, and their number (= " + upper + "_LEN). */\n"
                + "extern const unsigned char " + name + "[" + upper + "_LEN];\n"
                + "extern const unsigned int " + name + "_len;\n"
                + "/* SHA-256 of " + name + ", as bytes (" + upper + "_SHA256 as hex digits). */\n"
                + "extern const unsigned char " + name + "_sha256[32];\n\n"
                + "#endif /* " + guard + " */\n";
    }

    /** The source: includes the header (by {@code headerName}) and defines the arrays. */
    static String source(byte[] data, byte[] digest, String name, String sourceName, String headerName) {
        if (data.length == 0) {
            throw new IllegalArgumentException("a C array cannot be empty");
        }
        String upper = name.toUpperCase(Locale.ROOT);
        StringBuilder c = new StringBuilder(data.length * 6 + 1024);
        c.append(comment(sourceName, data.length)).append(" * Compile and link once; elsewhere include ")
                .append(headerName).append(". */\n")
                .append("#include \"").append(headerName).append("\"\n\n")
                .append("/* The image's 32-bit fields are read in place: keep the array 4-byte aligned. */\n")
                .append("#if defined(__GNUC__) || defined(__clang__)\n")
                .append("#define ").append(upper).append("_ALIGNED __attribute__((aligned(4)))\n")
                .append("#elif defined(_MSC_VER)\n")
                .append("#define ").append(upper).append("_ALIGNED __declspec(align(4))\n")
                .append("#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L\n")
                .append("#define ").append(upper).append("_ALIGNED _Alignas(4)\n")
                .append("#else\n")
                .append("#error \"no way known to align ").append(name).append(" to 4 bytes with this compiler\"\n")
                .append("#endif\n\n")
                .append(upper).append("_ALIGNED const unsigned char ").append(name).append('[').append(upper)
                .append("_LEN] = {\n");
        bytes(c, data);
        c.append("};\n")
                .append("const unsigned int ").append(name).append("_len = ").append(upper).append("_LEN;\n\n")
                .append("const unsigned char ").append(name).append("_sha256[32] = {\n");
        bytes(c, digest);
        c.append("};\n");
        return c.toString();
    }

    /** The source file's name: the header's with ".h" replaced by ".c" ("model.h" gives "model.c"), else with ".c" added. */
    static String sourceName(String headerName) {
        return headerName.endsWith(".h") ? headerName.substring(0, headerName.length() - 2) + ".c" : headerName + ".c";
    }

    /** Both files say where they came from; the file name is made safe for a C comment. */
    private static String comment(String sourceName, int length) {
        return "/* Generated by snn export from " + sourceName.replaceAll("[^\\x20-\\x7e]", "?").replace("*/", "* /")
                + ": " + length + " bytes.\n";
    }

    /** Twelve bytes a line, as {@code 0x2a,}. */
    private static void bytes(StringBuilder h, byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (i % 12 == 0) {
                h.append("  ");
            }
            h.append("0x").append(HEX[(data[i] >> 4) & 0xF]).append(HEX[data[i] & 0xF]);
            h.append(i + 1 == data.length ? "\n" : (i % 12 == 11 ? ",\n" : ", "));
        }
    }

    /** SHA-256 of the data, for the callers that render both files. */
    static byte[] digest(byte[] data) {
        return Sha256.of(data);
    }
}
