package io.contacthub.web.portal;

import io.contacthub.channel.web.WebMessageRequest;

/** The 留言 form's fields; checked with the same rules as the web API's JSON body. */
public class MessageForm {

    private String name;
    private String email;
    private String phone;
    private String subject;
    private String body;
    private String orderNumber;
    private String waybillNumber;

    WebMessageRequest toRequest() {
        return new WebMessageRequest(trim(name), trim(email), trim(phone), trim(subject), body, trim(orderNumber), trim(waybillNumber), null);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public String getOrderNumber() { return orderNumber; }
    public void setOrderNumber(String orderNumber) { this.orderNumber = orderNumber; }
    public String getWaybillNumber() { return waybillNumber; }
    public void setWaybillNumber(String waybillNumber) { this.waybillNumber = waybillNumber; }
}
