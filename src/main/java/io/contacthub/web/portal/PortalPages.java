package io.contacthub.web.portal;

import io.contacthub.web.SignedInMember;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every portal page knows: who is signed in. The top bar (portal/layout) shows the member's name, their links
 * and "sign out" from the model attribute {@code member}; set here for all portal controllers, the public pages
 * (start page, 留言, survey) included, so a member stays recognised wherever they go in the portal. The portal's
 * filter chain reads the member's session on its public pages too; only the model attribute was missing there.
 */
@ControllerAdvice(basePackageClasses = PortalPages.class)
class PortalPages {

    /** The member's login, or null for a general customer. */
    @ModelAttribute("member")
    String member(@AuthenticationPrincipal SignedInMember member) {
        return member == null ? null : member.getUsername();
    }
}
