package io.contacthub.understand;

public enum Intent {
    ORDER, COMPLAINT, TRACKING, GENERAL
}
