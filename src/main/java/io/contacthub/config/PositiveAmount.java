package io.contacthub.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * A {@link Duration} or {@link DataSize} setting that must be present and above zero ({@code @Positive}
 * covers numbers only). On a {@code @Validated @ConfigurationProperties} record a bad value stops the
 * start with the property's name, its value and where it was set.
 */
@Documented
@Constraint(validatedBy = PositiveAmount.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PositiveAmount {

    String message() default "must be set and above zero (a duration such as 30s, or a size such as 64KB)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PositiveAmount, Object> {
        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            if (value instanceof Duration duration) {
                return !duration.isNegative() && !duration.isZero();
            }
            if (value instanceof DataSize size) {
                return size.toBytes() > 0;
            }
            return false;
        }
    }
}
