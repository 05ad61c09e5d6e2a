package io.contacthub.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Request bodies read with a size limit before anything else looks at them (public endpoints and
 * webhooks), then handed on to the rest of the chain as if unread; and the problem-details refusal
 * these filters answer with.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    /** The whole body, or null when it is larger than {@code maxBytes} (declared or actual, chunked too). */
    public static byte[] read(HttpServletRequest request, int maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            return null;
        }
        byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
        return body.length > maxBytes ? null : body;
    }

    /** The request again, its body readable once more from {@code body}. */
    public static HttpServletRequest replay(HttpServletRequest request, byte[] body) {
        return new ReplayedRequest(request, body);
    }

    /**
     * Answers an RFC 9457 problem ({@link ApiProblem}: {@code application/problem+json} with the status,
     * {@code detail} and {@code message} = the text), for refusals made before any controller runs.
     */
    public static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        ApiProblem.write(request, response, status, message);
    }

    private static final class ReplayedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
