package dev.guildhall.support.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one rule for names people see (server, channel, role, user, nick, application names; issue 14, finding 6;
 * ADR 146): no control characters (C0, DEL, C1), no line or paragraph separators, no bidirectional embeddings,
 * overrides or isolates, which let a name render as something else. Joiners and variation selectors, which emoji
 * need, stay allowed. Null is valid (pair with {@code @NotBlank} where a name is required).
 */
@Documented
@Constraint(validatedBy = NoControlCharacters.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NoControlCharacters {

    String message() default "must not contain control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NoControlCharacters, CharSequence> {

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || isClean(value);
        }

        /** Whether a name is free of the characters this rule refuses (for names validated outside a record). */
        public static boolean isClean(CharSequence value) {
            return value.codePoints().noneMatch(Validator::refused);
        }

        static boolean refused(int c) {
            int type = Character.getType(c);
            return type == Character.CONTROL || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                    || c == 0x061C;
        }
    }
}
