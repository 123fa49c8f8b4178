package io.vsguard.cli;

import io.vsguard.core.audit.AuditSigner;
import io.vsguard.core.load.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;

/**
 * The audit key on disk: the private key file (PEM: the PKCS#8 private key, then its public key) is
 * a credential, readable by its owner only; the public key file is what auditors are given.
 */
final class AuditKeyFiles {
  private AuditKeyFiles() {}

  /** The signer in a private key file; refused when group or others have any access to it. */
  static AuditSigner readSigner(Path file) throws InputException {
    checkPrivate(file);
    try {
      return AuditSigner.fromPem(read(file));
    } catch (IllegalArgumentException e) {
      throw new InputException(
          file.toString(),
          "",
          0,
          "not a vsguard audit key: " + e.getMessage() + " (vsguard audit keygen writes one)");
    }
  }

  static PublicKey readPublic(Path file) throws InputException {
    try {
      return AuditSigner.publicFromPem(read(file));
    } catch (IllegalArgumentException e) {
      throw new InputException(
          file.toString(), "", 0, "not an audit public key: " + e.getMessage());
    }
  }

  /**
   * Writes a new key pair: {@code file} (0600, never over an existing file) and {@code file.pub}.
   */
  static Path write(Path file, AuditSigner key) throws InputException {
    Path pub = file.resolveSibling(file.getFileName() + ".pub");
    for (Path p : new Path[] {file, pub}) {
      if (Files.exists(p)) {
        throw new InputException(
            p.toString(), "", 0, "exists; a key is never overwritten (move it away first)");
      }
    }
    try {
      boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
      if (posix) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, key.toPem(), StandardCharsets.US_ASCII);
      Files.writeString(pub, AuditSigner.publicPem(key.publicKey()), StandardCharsets.US_ASCII);
      return pub;
    } catch (IOException e) {
      throw new InputException(file.toString(), "", 0, "cannot write the key: " + e.getMessage());
    }
  }

  private static String read(Path file) throws InputException {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException(file.toString(), "", 0, "file not found");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new InputException(file.toString(), "", 0, "permission denied");
    } catch (IOException e) {
      throw new InputException(file.toString(), "", 0, "cannot read file: " + e.getMessage());
    }
  }

  private static void checkPrivate(Path file) throws InputException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null || !Files.exists(file)) {
      return;
    }
    try {
      for (PosixFilePermission p : view.readAttributes().permissions()) {
        if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
          throw new InputException(
              file.toString(),
              "",
              0,
              "is the audit signing key but group or others have"
                  + " access to it; run chmod 600 "
                  + file);
        }
      }
    } catch (IOException e) {
      throw new InputException(
          file.toString(), "", 0, "cannot read the file's permissions: " + e.getMessage());
    }
  }
}
