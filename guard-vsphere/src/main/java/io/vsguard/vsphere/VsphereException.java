package io.vsguard.vsphere;

/**
 * Why a vCenter could not be read. Every subclass carries a one-line message an admin can act on;
 * none ever contains a credential, a session cookie or a request body.
 */
public abstract class VsphereException extends Exception {
  protected VsphereException(String message) {
    super(message);
  }

  protected VsphereException(String message, Throwable cause) {
    super(message, cause);
  }
}
