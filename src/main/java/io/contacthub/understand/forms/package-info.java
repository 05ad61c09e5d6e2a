/**
 * Fields read from a form's text (a faxed order form, a web order): what
 * {@link io.contacthub.understand.forms.FormFieldExtractor} finds, as {@link io.contacthub.understand.forms.FormFields}.
 * Offered to the fax channel and the order hand-off as the named interface {@code understand::forms}.
 */
@NamedInterface("forms")
package io.contacthub.understand.forms;

import org.springframework.modulith.NamedInterface;
