package io.vsguard.vsphere.apply;

/** A step's closing read did not find what it expects (verify: the host is not connected). */
public final class CheckFailedException extends Exception {
  public CheckFailedException(String message) {
    super(message);
  }
}
