package io.contacthub.channel.letter;

/**
 * The letter form as posted (every field a string, as typed), and as shown again with the errors when it
 * is refused. {@code vouch} is a choice from the customer lookup: {@code customerId:KIND:value}.
 */
record LetterForm(String token, String kind, String name, String email, String phone, String subject, String text,
                  String ticket, String intent, String vouch, String checked, String q) {

    static LetterForm empty(String ticket) {
        return new LetterForm(null, LetterKind.LETTER.name(), null, null, null, null, null, ticket, null, null, null, null);
    }

    LetterForm withToken(String newToken) {
        return new LetterForm(newToken, kind, name, email, phone, subject, text, ticket, intent, vouch, checked, q);
    }
}
