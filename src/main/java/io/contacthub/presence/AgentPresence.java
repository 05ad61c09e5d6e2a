package io.contacthub.presence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who takes calls (and chats) now. Each agent sets AVAILABLE, BUSY or AWAY in the console's top bar; the hub sets an
 * agent BUSY while it has them on a call ({@link #onCall}) and back to AVAILABLE afterwards ({@link #callEnded}), unless
 * they chose another state meanwhile. Only active accounts count, and only while their console keeps asking
 * ({@link #seen}, {@code hub.presence.stale-after}): a browser closed without setting AWAY does not leave a phone
 * ringing in an empty room. Read from the database on each call, so every node sees the same.
 */
@Component("agentPresence")
public class AgentPresence {

    public enum Status { AVAILABLE, BUSY, AWAY }

    /**
     * An agent as offering and the supervisor's view see them.
     *
     * @param onCall      BUSY because the hub put them on a call
     * @param callAddress where they take calls (E.164 or sip:…), null when none is set
     * @param idleSince   since when they are free (AVAILABLE and not on a call)
     * @param fresh       their console asked within {@code hub.presence.stale-after}
     */
    public record Agent(String username, String name, Status status, boolean onCall, String callAddress,
                        OffsetDateTime changedAt, OffsetDateTime idleSince, boolean fresh) {
        /** AVAILABLE, reachable by phone, console open: the hub may offer them a call. */
        public boolean takesCalls() {
            return status == Status.AVAILABLE && fresh && callAddress != null;
        }
    }

    private static final String SELECT = """
            select s.username, coalesce(s.display_name, s.username) as name, coalesce(p.status, 'AWAY') as status,
                   coalesce(p.on_call, false) as on_call, s.call_address, p.changed_at, p.idle_since,
                   coalesce(p.seen_at > now() - cast(:stale as interval), false) as fresh
            from staff_user s left join agent_presence p on p.username = s.username
            where s.active""";

    private final JdbcClient jdbc;
    private final PresenceSettings settings;

    AgentPresence(JdbcClient jdbc, PresenceSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Agents who can be offered a call or a chat now, the one free longest first. */
    public List<Agent> availableAgents() {
        return query(" and p.status = 'AVAILABLE' and p.seen_at > now() - cast(:stale as interval) order by p.idle_since, s.username");
    }

    /** Available agents with a phone or SIP address, longest idle first: whom a waiting caller is offered to. */
    public List<Agent> callTakers() {
        return availableAgents().stream().filter(Agent::takesCalls).toList();
    }

    public boolean anyoneAvailable() {
        return !availableAgents().isEmpty();
    }

    /** Everyone not AWAY (with a fresh console), for the supervisor: available first, then busy, each by name. */
    public List<Agent> present() {
        return query(" and p.status in ('AVAILABLE', 'BUSY') and p.seen_at > now() - cast(:stale as interval)"
                + " order by case p.status when 'AVAILABLE' then 0 else 1 end, name");
    }

    public Optional<Agent> of(String username) {
        List<Agent> found = jdbc.sql(SELECT + " and s.username = :username").param("stale", stale())
                .param("username", username == null ? "" : username).query(AgentPresence::agent).list();
        return found.stream().findFirst();
    }

    /** The agent chose a state. Choosing AVAILABLE starts their idle time anew only when they were not free already. */
    @Transactional
    public void set(String username, Status status) {
        jdbc.sql("""
                insert into agent_presence (username, status, on_call, changed_at, idle_since, seen_at)
                values (:u, :s, false, now(), now(), now())
                on conflict (username) do update set
                    idle_since = case when agent_presence.status = 'AVAILABLE' and not agent_presence.on_call
                                      then agent_presence.idle_since else now() end,
                    status = excluded.status, on_call = false, changed_at = now(), seen_at = now()""")
                .param("u", username).param("s", status.name()).update();
    }

    /** The agent's console asked (the top bar's refresh): they are still there. */
    public void seen(String username) {
        jdbc.sql("update agent_presence set seen_at = now() where username = ?").param(username).update();
    }

    /** The hub put the agent on a call: BUSY until {@link #callEnded}. */
    @Transactional
    public void onCall(String username) {
        jdbc.sql("""
                insert into agent_presence (username, status, on_call, changed_at, idle_since, seen_at)
                values (:u, 'BUSY', true, now(), now(), now())
                on conflict (username) do update set status = 'BUSY', on_call = true, changed_at = now()
                where agent_presence.status <> 'AWAY' or agent_presence.on_call""")
                .param("u", username).update();
    }

    /** The call the hub put them on ended: AVAILABLE again, free from now, unless they chose a state meanwhile. */
    @Transactional
    public void callEnded(String username) {
        jdbc.sql("""
                update agent_presence set status = 'AVAILABLE', on_call = false, changed_at = now(), idle_since = now()
                where username = ? and on_call""").param(username).update();
    }

    private List<Agent> query(String where) {
        return jdbc.sql(SELECT + where).param("stale", stale()).query(AgentPresence::agent).list();
    }

    private String stale() {
        return settings.staleAfter().toSeconds() + " seconds";
    }

    private static Agent agent(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Agent(rs.getString("username"), rs.getString("name"),
                Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getBoolean("on_call"),
                rs.getString("call_address"), rs.getObject("changed_at", OffsetDateTime.class),
                rs.getObject("idle_since", OffsetDateTime.class), rs.getBoolean("fresh"));
    }

}
