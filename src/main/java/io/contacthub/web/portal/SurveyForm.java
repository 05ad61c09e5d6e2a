package io.contacthub.web.portal;

import io.contacthub.customer.CustomerSurveys;
import java.util.LinkedHashMap;
import java.util.Map;

/** The customer information survey (客户信息调查表), with the optional request for a member login. */
public class SurveyForm {

    private String company;
    private String contactName;
    private String email;
    private String phone;
    private String region;
    private String businessType;
    private String monthlyShipments;
    private String services;
    private String preferredChannel;
    private String remarks;
    private boolean wantsMembership;
    private String login;
    private String password;

    Map<String, String> validate() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(contactName)) {
            errors.put("contactName", "is required");
        }
        if (blank(email) && blank(phone)) {
            errors.put("email", "give an e-mail address or a phone number so we can reach you");
        }
        if (!blank(email) && !email.trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.put("email", "is not a valid e-mail address");
        }
        tooLong(errors, "company", company, 200);
        tooLong(errors, "contactName", contactName, 200);
        tooLong(errors, "phone", phone, 40);
        tooLong(errors, "region", region, 100);
        tooLong(errors, "businessType", businessType, 100);
        tooLong(errors, "monthlyShipments", monthlyShipments, 50);
        tooLong(errors, "services", services, 500);
        tooLong(errors, "remarks", remarks, 5000);
        if (wantsMembership) {
            if (blank(email)) {
                errors.put("email", "a member login needs an e-mail address");
            }
            if (login == null || !login.trim().matches("[A-Za-z0-9._-]{3,64}")) {
                errors.put("login", "must be 3-64 letters, digits, dots, dashes or underscores");
            }
            if (password == null || password.length() < 10 || password.length() > 200) {
                errors.put("password", "must be at least 10 characters");
            }
        }
        return errors;
    }

    CustomerSurveys.Answers toAnswers(String passwordHash) {
        return new CustomerSurveys.Answers(t(company), t(contactName), t(email), t(phone), t(region), t(businessType),
                t(monthlyShipments), t(services), t(preferredChannel), t(remarks), wantsMembership,
                wantsMembership ? t(login) : null, passwordHash);
    }

    private static void tooLong(Map<String, String> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.putIfAbsent(field, "must be at most " + max + " characters");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String t(String s) {
        return blank(s) ? null : s.trim();
    }

    public String getCompany() { return company; }
    public void setCompany(String company) { this.company = company; }
    public String getContactName() { return contactName; }
    public void setContactName(String contactName) { this.contactName = contactName; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getBusinessType() { return businessType; }
    public void setBusinessType(String businessType) { this.businessType = businessType; }
    public String getMonthlyShipments() { return monthlyShipments; }
    public void setMonthlyShipments(String monthlyShipments) { this.monthlyShipments = monthlyShipments; }
    public String getServices() { return services; }
    public void setServices(String services) { this.services = services; }
    public String getPreferredChannel() { return preferredChannel; }
    public void setPreferredChannel(String preferredChannel) { this.preferredChannel = preferredChannel; }
    public String getRemarks() { return remarks; }
    public void setRemarks(String remarks) { this.remarks = remarks; }
    public boolean isWantsMembership() { return wantsMembership; }
    public void setWantsMembership(boolean wantsMembership) { this.wantsMembership = wantsMembership; }
    public String getLogin() { return login; }
    public void setLogin(String login) { this.login = login; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
}
