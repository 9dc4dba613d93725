package snn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import snn.support.Progress;

/**
 * One HTTP(S) GET into a file, with the JDK's client: redirects followed, a connect timeout, a cap
 * on the bytes accepted, and a progress bar. Failures are IOExceptions whose message names the URL
 * and the HTTP status, so a chain of sources can report each one's reason.
 */
public final class HttpDownload {
    /** The most one download may bring (the largest known archive is 31 MB). */
    public static final long MAX_BYTES = 200_000_000L;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** Silence on an open connection for this long ends the download. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;

    public HttpDownload() {
        client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** Downloads {@code url} into {@code dest}; returns the bytes written. */
    public long get(URI url, Path dest, FetchLog log) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(url).timeout(READ_TIMEOUT).header("User-Agent", "snn-toolchain").GET().build();
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(url + ": interrupted");
        } catch (IOException e) {
            throw new IOException(url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new IOException(url + ": HTTP " + resp.statusCode());
            }
            long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > MAX_BYTES) {
                throw new IOException(url + ": " + declared + " bytes, more than the " + MAX_BYTES + " a dataset download may have");
            }
            String name = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
            long n = 0;
            try (Progress progress = log.progress("download " + name, declared, "bytes");
                 OutputStream out = Files.newOutputStream(dest)) {
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = in.read(buf)) > 0) {
                    n += r;
                    if (n > MAX_BYTES) {
                        throw new IOException(url + ": more than the " + MAX_BYTES + " bytes a dataset download may have");
                    }
                    out.write(buf, 0, r);
                    progress.update(n);
                }
            }
            if (declared >= 0 && n != declared) {
                throw new IOException(url + ": connection ended after " + n + " of " + declared + " bytes");
            }
            return n;
        }
    }
}
