package io.contacthub.testsupport;

import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * Turns off Nagle's algorithm on the connections a GreenMail server accepts, as Dovecot, Postfix and every
 * production mail server do. GreenMail writes a response line by line and leaves Nagle on, so each IMAP, POP3 or
 * SMTP round trip waits for the client's delayed ACK: 44 ms per command here, against 1 ms with TCP_NODELAY
 * (measured with Angus Mail's {@code setFlags} and envelope fetches). That wait, not the hub, set the pace of every
 * mailbox test and of the cluster benchmark. GreenMail has no setting for it and its servers are final classes, so
 * the accepting socket is wrapped once the server listens.
 */
public final class NoDelaySockets {

    private NoDelaySockets() {
    }

    public static void apply(GreenMail mail) {
        for (AbstractServer server : new AbstractServer[] {mail.getSmtp(), mail.getPop3(), mail.getImap()}) {
            if (server != null) {
                apply(server);
            }
        }
    }

    public static void apply(AbstractServer server) {
        try {
            Field field = AbstractServer.class.getDeclaredField("serverSocket");
            field.setAccessible(true);
            ServerSocket listening = (ServerSocket) field.get(server);
            field.set(server, new NoDelayServerSocket(listening));
            // The server thread may already wait in accept() on the unwrapped socket: one throwaway connection
            // brings it round its loop to the wrapped one, so every test connection is accepted with TCP_NODELAY.
            new Socket(server.getBindTo(), listening.getLocalPort()).close();
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("cannot set TCP_NODELAY on GreenMail's " + server.getProtocol(), e);
        }
    }

    private static final class NoDelayServerSocket extends ServerSocket {

        private final ServerSocket listening;

        NoDelayServerSocket(ServerSocket listening) throws IOException {
            this.listening = listening;
        }

        @Override
        public Socket accept() throws IOException {
            Socket accepted = listening.accept();
            accepted.setTcpNoDelay(true);
            return accepted;
        }

        @Override
        public void close() throws IOException {
            listening.close();
        }

        @Override
        public boolean isClosed() {
            return listening.isClosed();
        }

        @Override
        public int getLocalPort() {
            return listening.getLocalPort();
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return listening.getLocalSocketAddress();
        }
    }
}
