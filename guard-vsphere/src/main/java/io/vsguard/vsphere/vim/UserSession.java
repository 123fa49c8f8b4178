package io.vsguard.vsphere.vim;

/** Who Login says we are. The session key is deliberately not kept: it identifies the session. */
public record UserSession(String userName, String fullName) {}
