package io.contacthub.web.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contacthub.channel.chat.ChatQueue;
import io.contacthub.testsupport.TestMailServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The web chat in two real headless Chromium sessions: a general customer on the portal and an agent in the console.
 */
class ChatBrowserTest extends BrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern REF = Pattern.compile("CH-\\d+");

    @Autowired
    ChatQueue chats;
    @Autowired
    io.contacthub.presence.AgentPresence presence;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** The agent: a second browser, signed in to the console. {@code browser} is the visitor's. */
    Browser agent;

    @Override
    boolean signsInAsAdmin() {
        return false;
    }

    @BeforeAll
    void startAgentBrowser() {
        agent = new Browser(baseUrl());
        agent.signInStaff("admin", ADMIN_PASSWORD);
    }

    @AfterAll
    void stopAgentBrowser() {
        if (agent != null) {
            agent.close();
        }
    }

    @BeforeEach
    void freshVisitor() {
        browser.open("/portal");
        browser.driver.executeScript("window.localStorage.clear();");
        browser.signOutEverywhere();
        // Presence is the whole hub's: only this test's agent (admin) may answer, and only when it says so.
        jdbc.sql("update agent_presence set status = 'AWAY', on_call = false").update();
        presence.set("admin", io.contacthub.presence.AgentPresence.Status.AVAILABLE);
        agent.open("/console");
    }

    @Test
    void generalCustomerChatsAndAnAgentAnswersFromTheTicketPageInRealTimeWithScriptShownAsText() {
        agent.open("/console/chats?lang=en");
        await().atMost(WAIT).until(() -> chats.agentsOnChat() > 0);

        startChat("Zhao Lei", "zhao-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn");
        assertThat(browser.find("#chat-notice").getText()).contains("An agent is available");
        String question = "<script>window.pwned = 1</script> Where is waybill SF1234567890123? " + UUID.randomUUID();
        say(question);
        String ref = referenceShown();
        browser.driver.executeScript("window.hubSamePage = true;");

        // The agent's chat page lists the waiting chat without a reload; the agent opens its ticket.
        WebElement waiting = agent.await(WAIT, d -> agent.all("#chat-waiting li[data-ticket='" + ref + "'] a").stream().findFirst()
                .orElse(null));
        agent.clickAndWait(waiting);
        assertThat(agent.path()).isEqualTo("/console/tickets/" + ref);
        assertThat(agent.find("#chat-panel").getText()).contains(question);
        assertThat(agent.find("#timeline").getText()).contains(question);
        assertThat(agent.find(".badge.CHAT").getText()).isEqualTo("Web chat");
        agent.await(WAIT, d -> agent.find("#chat-presence").getText().contains("is in the chat"));

        // Typing shows on the other side, both ways.
        browser.find("#chat-text").sendKeys("and also");
        agent.await(WAIT, d -> agent.find("#chat-typing").isDisplayed());
        agent.find("#chat-text").sendKeys("Let me check");
        browser.await(WAIT, d -> browser.find("#chat-typing").isDisplayed());

        String answer = "<b>It is in Shanghai</b> and arrives tomorrow " + UUID.randomUUID();
        agent.find("#chat-text").clear();
        agent.find("#chat-text").sendKeys(answer);
        agent.find("#chat-send").click();
        browser.await(WAIT, d -> lines(browser, "#chat-lines li.chat-line.agent").contains(answer));
        assertThat(browser.driver.executeScript("return window.hubSamePage === true;")).as("no reload").isEqualTo(true);
        agent.await(WAIT, d -> lines(agent, "#chat-panel li.chat-line.agent").contains(answer));
        browser.screenshot("portal-chat", true);
        agent.screenshot("console-chat-panel", true);

        // Markup typed on either side is text on both: nothing ran, nothing became an element.
        assertThat(browser.driver.executeScript("return window.pwned === undefined;")).isEqualTo(true);
        assertThat(agent.driver.executeScript("return window.pwned === undefined;")).isEqualTo(true);
        assertThat(browser.all("#chat-lines b")).isEmpty();
        assertThat(agent.all("#chat-panel script, #chat-panel b")).isEmpty();
        assertThat(lines(browser, "#chat-lines li.chat-line.customer")).containsExactly(question);

        // The transcript stays on the ticket: both sides after a reload, the visitor's line on the timeline.
        openTicketWithItsChat(ref, 2);
        assertThat(lines(agent, "#chat-panel li.chat-line")).containsExactly(question, answer);
        assertThat(staffGet("/api/tickets/" + ref).at("/ticket/channel").asText()).isEqualTo("CHAT");
    }

    @Test
    void reconnectingAfterADroppedSocketLosesAndDuplicatesNothing() {
        agent.open("/console/chats");
        await().atMost(WAIT).until(() -> chats.agentsOnChat() > 0);
        startChat("Qian Yu", "qian-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn");
        say("one");
        String ref = referenceShown();
        agent.open("/console/tickets/" + ref);
        agent.await(WAIT, d -> agent.find("#chat-presence").getText().contains("is in the chat"));

        // The line goes out and the socket drops before its acknowledgement can come back: sent again on reconnect.
        browser.driver.executeScript("hubChat.send('two'); hubChat.socket.close();");
        browser.await(WAIT, d -> acknowledged(browser, "two"));

        // The visitor is away while the agent answers; coming back, the chat shows what they missed.
        browser.open("/portal");
        await().atMost(WAIT).until(() -> !agent.find("#chat-presence").getText().contains("is in the chat"));
        agentSays("while you were away");
        browser.open("/portal/chat?lang=en");
        browser.await(WAIT, d -> lines(browser, "#chat-lines li.chat-line.agent").contains("while you were away"));

        // Written while the socket is down: kept and sent once it is back.
        browser.await(WAIT, d -> Boolean.TRUE.equals(browser.driver.executeScript(
                "return hubChat.socket !== null && hubChat.socket.readyState === 1;")));
        browser.driver.executeScript("hubChat.socket.close(); hubChat.send('three');");
        browser.await(WAIT, d -> acknowledged(browser, "three"));

        assertThat(lines(browser, "#chat-lines li.chat-line")).containsExactly("one", "two", "while you were away", "three");
        agent.await(WAIT, d -> lines(agent, "#chat-panel li.chat-line").size() == 4);
        assertThat(lines(agent, "#chat-panel li.chat-line")).containsExactly("one", "two", "while you were away", "three");
        openTicketWithItsChat(ref, 4);
        assertThat(lines(agent, "#chat-panel li.chat-line")).containsExactly("one", "two", "while you were away", "three");
        assertThat(staffGet("/api/tickets/" + ref).path("timeline").findValuesAsText("body")).containsExactly("one", "two", "three");
    }

    @Test
    void withNoAgentAvailableTheCustomerIsToldAndGetsTheAnswerByEmail() throws Exception {
        // The only agent has the chat page open but set themselves AWAY: nobody is there to answer.
        presence.set("admin", io.contacthub.presence.AgentPresence.Status.AWAY);
        agent.open("/console/chats");
        await().atMost(WAIT).until(() -> chats.agentsOnChat() > 0);
        String email = "nobody-there-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        startChat("Sun Mei", email);
        browser.await(WAIT, d -> browser.find("#chat-notice").getText().contains("No agent is available right now"));
        assertThat(browser.find("#chat-notice").getText()).contains("by e-mail to " + email);
        say("Can I change the delivery address of my order?");
        String ref = referenceShown();
        browser.open("/portal"); // the visitor leaves
        // The supervisor's live view lists the chat waiting for its first answer.
        agent.open("/console/live?lang=en");
        assertThat(agent.find("#live-chats tr.live-chat[data-ticket='" + ref + "']").getText()).contains("Sun Mei");
        agent.screenshot("console-live", true);

        agent.open("/console/tickets/" + ref);
        agent.await(WAIT, d -> agent.find("#chat-presence").getText().contains("has left"));
        String answer = "Yes, reply with the new address. " + UUID.randomUUID();
        agentSays(answer);
        agent.await(WAIT, d -> agent.find("#chat-delivery").getText().contains(email));

        String mail = await().atMost(WAIT).until(() -> TestMailServer.mailTo(email).stream().map(m -> {
            try {
                return jakarta.mail.internet.MimeUtility.decodeText(m.getSubject()) + "\n" + m.getContent();
            } catch (Exception e) {
                return "";
            }
        }).filter(text -> text.contains(answer)).findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(mail).contains("[#" + ref + "]");
    }

    // ---- helpers

    /**
     * Opens the ticket page and waits for its transcript. Once in a fresh-clone CI run the page, opened again at the
     * same address, had no chat lines at the moment of the assertion, and nothing of the page was kept to say why;
     * so the page's state is printed then, and the page is loaded once more before the test gives up.
     */
    private void openTicketWithItsChat(String ref, int lines) {
        for (int attempt = 1; ; attempt++) {
            agent.open("/console/tickets/" + ref);
            try {
                agent.await(Duration.ofSeconds(10), d -> lines(agent, "#chat-panel li.chat-line").size() >= lines);
                return;
            } catch (org.openqa.selenium.TimeoutException e) {
                String page = agent.driver.getCurrentUrl() + " | " + agent.driver.getTitle() + " | chat panel: "
                        + !agent.all("#chat-panel").isEmpty() + " | " + agent.find("body").getText().replace('\n', ' ');
                System.err.println("ChatBrowserTest: ticket page without its " + lines + " chat lines (attempt " + attempt
                        + "): " + page.substring(0, Math.min(page.length(), 600)));
                if (attempt == 2) {
                    throw new AssertionError("the ticket page shows no chat transcript: " + page, e);
                }
            }
        }
    }

    private void startChat(String name, String email) {
        browser.open("/portal/chat?lang=en");
        browser.type("#chat-name", name);
        browser.type("#chat-email", email);
        browser.find("#chat-open").click();
        browser.await(WAIT, d -> browser.find("#chat-talk").isDisplayed() && browser.find("#chat-notice").isDisplayed());
    }

    private void say(String text) {
        browser.find("#chat-text").sendKeys(text);
        browser.find("#chat-send").click();
        browser.await(WAIT, d -> acknowledged(browser, text));
    }

    private void agentSays(String text) {
        agent.find("#chat-text").sendKeys(text);
        agent.find("#chat-send").click();
        agent.await(WAIT, d -> lines(agent, "#chat-panel li.chat-line.agent").contains(text));
    }

    private String referenceShown() {
        String status = browser.await(WAIT, d -> {
            String s = browser.find("#chat-status").getText();
            return REF.matcher(s).find() ? s : null;
        });
        Matcher m = REF.matcher(status);
        assertThat(m.find()).isTrue();
        return m.group();
    }

    /** The visitor's line is on the page as the hub's (not "sending…") and nothing waits to be sent. */
    private static boolean acknowledged(Browser b, String text) {
        return b.all("#chat-lines li.chat-line.customer[data-line]").stream()
                .anyMatch(li -> li.findElement(org.openqa.selenium.By.cssSelector(".chat-text")).getText().equals(text))
                && Boolean.TRUE.equals(b.driver.executeScript("return hubChat.pending.length === 0;"));
    }

    private static List<String> lines(Browser b, String css) {
        return b.all(css).stream().map(li -> li.findElement(org.openqa.selenium.By.cssSelector(".chat-text")).getText()).toList();
    }
}
