package io.contacthub.web.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.ui.ExtendedModelMap;

/** The view a code opens is for a limited time: after {@code hub.portal.follow.session-ttl} the code is asked again. */
class FollowExpiryTest {

    private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");

    @Test
    void anExpiredViewShowsNothingAndIsForgotten() {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(FollowController.FOLLOWING,
                new FollowController.Following("CH-000123", NOW.minusSeconds(1), "someone@example.cn"));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/portal/follow/ticket");
        request.setSession(session);
        ExtendedModelMap model = new ExtendedModelMap();

        assertThat(controller().ticket(request, model)).isEqualTo("redirect:/portal/follow?expired");
        assertThat(session.getAttribute(FollowController.FOLLOWING)).isNull();
        assertThat(model).isEmpty();
    }

    @Test
    void withoutAProvenCodeThereIsNoView() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/portal/follow/ticket");
        assertThat(controller().ticket(request, new ExtendedModelMap())).isEqualTo("redirect:/portal/follow");
    }

    /** Only the clock and settings are reached before the expiry decision; the rest stays unset on purpose. */
    private static FollowController controller() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", Clock.fixed(NOW, ZoneOffset.UTC));
        FollowSettings settings = new FollowSettings(Duration.ofMinutes(30), 10, 6, 600);
        return new FollowController(null, null, null, null, null, null, new FollowLimits(settings), settings,
                beans.getBeanProvider(Clock.class));
    }
}
