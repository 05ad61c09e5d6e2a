package io.contacthub.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;

/** The handler-side check: the message API is never served to a request whose limits were not checked. */
class PublicIntakeGuardTest {

    private final PublicIntakeGuard guard = new PublicIntakeGuard();
    private final HandlerMethod messages = handler(Mockito.mock(WebMessageController.class), WebMessageController.class, "post");

    @Test
    void requestThatSkippedTheLimitsIsRefused() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(guard.preHandle(new MockHttpServletRequest("POST", "/api/messages/"), response, messages)).isFalse();
        assertThat(response.getStatus()).isEqualTo(400);
    }

    @Test
    void requestWhoseLimitsWereCheckedGoesOn() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/%6Dessages");
        request.setAttribute(PublicIntakeLimits.CHECKED, Boolean.TRUE);
        assertThat(guard.preHandle(request, new MockHttpServletResponse(), messages)).isTrue();
    }

    @Test
    void otherHandlersAreNotConcerned() throws Exception {
        HandlerMethod other = handler(new Object(), Object.class, "toString");
        assertThat(guard.preHandle(new MockHttpServletRequest("GET", "/api/tickets"), new MockHttpServletResponse(), other)).isTrue();
    }

    private static HandlerMethod handler(Object bean, Class<?> type, String name) {
        Method method = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
        return new HandlerMethod(bean, method);
    }
}
